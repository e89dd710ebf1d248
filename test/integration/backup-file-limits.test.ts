import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { BackupHeader, BackupLines, TransferRow } from '../../src/ops/backup-format';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from '../../src/ops/backup-format';
import { MAX_BACKUP_LINE_BYTES, MAX_INFLATE_RATIO, verifyBackupFile, writeBackupFile } from '../../src/ops/backup-file';
import { TEST_SITE } from '../helpers/test-sites';

// Reading a backup holds one line, whatever the file: a large file reads in constant memory, and a
// file built to exhaust memory (one huge line, a gzip bomb) is refused with a typed error.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hdc-backup-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = (rows: number): BackupHeader => ({
  format: BACKUP_FORMAT,
  formatVersion: BACKUP_FORMAT_VERSION,
  backupId: 'b',
  createdBy: 'test',
  kind: 'manual',
  hdcOpsVersion: 'test',
  site: TEST_SITE,
  schemaVersion: 1,
  snapshotAt: '2026-12-07T00:00:00.000Z',
  includesTelemetry: false,
  tables: [{ name: 'hack', rows, contentHash: '0'.repeat(64) }],
});

/** A gzip file of `lines` lines, each `lineOf(i)`, streamed (the test never holds the file). */
async function gzipLines(file: string, lines: number, lineOf: (index: number) => string): Promise<void> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  for (let i = 0; i < lines; i += 1) if (!gzip.write(`${lineOf(i)}\n`)) await once(gzip, 'drain');
  gzip.end();
  await once(out, 'finish');
}

test('reading a backup of 600,000 rows keeps no memory per row', async () => {
  const rows = 600_000;
  const file = join(dir, 'large.hdcbak.gz');
  async function* pages(): AsyncGenerator<BackupLines> {
    for (let start = 0; start < rows; start += 2000) {
      const page: TransferRow[] = Array.from({ length: 2000 }, (_, i) => ({
        seq: start + i,
        table: 'hack',
        row: { id: start + i, title: 'A hack' },
      }));
      yield { text: page.map((row) => JSON.stringify(row)).join('\n'), rows: page.length };
    }
  }
  await writeBackupFile(file, header(rows), pages());
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    expect((await verifyBackupFile(file)).totalRows).toBe(rows);
  } finally {
    clearInterval(sampler);
  }
  // The reader before kept ~460 bytes per row (276 MB here); garbage between collections stays far below.
  expect((peak - heapBefore) / rows).toBeLessThan(100);
});

test(`a line longer than ${MAX_BACKUP_LINE_BYTES / 1024 / 1024} MiB is refused as validation, before it is held`, async () => {
  const file = join(dir, 'long-line.hdcbak.gz');
  const piece = 'x'.repeat(1024 * 1024);
  await gzipLines(
    file,
    1,
    () => `{"seq":0,"table":"hack","row":{"title":"${piece.repeat(MAX_BACKUP_LINE_BYTES / piece.length + 4)}"}}`,
  );
  await expect(verifyBackupFile(file)).rejects.toMatchObject({
    code: 'validation',
    message: expect.stringMatching(/a line longer than 16 MiB/),
  });
});

test(`a file inflating more than ${MAX_INFLATE_RATIO} times its size is refused as validation, not read to the end`, async () => {
  const file = join(dir, 'bomb.hdcbak.gz');
  const filler = '0'.repeat(4000);
  // 200 MB of well-formed rows that gzip to about 1 MB.
  await gzipLines(file, 50_000, (index) =>
    index === 0 ? JSON.stringify(header(50_000)) : `{"seq":${index},"table":"hack","row":{"t":"${filler}"}}`,
  );
  await expect(verifyBackupFile(file)).rejects.toMatchObject({
    code: 'validation',
    message: expect.stringMatching(/inflates more than 100 times its size/),
  });
});
