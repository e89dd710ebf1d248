import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type { BackupHeader, BackupLines, TransferRow } from './backup-format';
import { BackupHeaderSchema, BackupTrailerSchema, TransferRowSchema } from './backup-format';
import { AppError } from '../shared/app-error';

/**
 * The backup file: gzip of newline-delimited JSON. Line 1 is the header (the manifest: site, schema
 * version, snapshot time, per-table rows and content hashes); then one line per row
 * ({seq, table, row}); the last line is the trailer: the SHA-256 of every byte before it and the
 * row count. Written and read as a stream: memory holds one page of rows, never the whole file.
 */

export interface WrittenBackup {
  bytes: number;
  payloadSha256: string;
  totalRows: number;
}

const damaged = (file: string, why: string) =>
  new AppError('validation', `The backup file ${file} is not usable: ${why}`, {
    guidance:
      'Use a file written by hdc-ops backup, copied whole (it is gzip; a truncated or edited copy fails its checksum).',
    retryable: false,
  });

/** Writes a backup to `file` (through `file.partial`, renamed when complete: no half file under the real name). */
export async function writeBackupFile(
  file: string,
  header: BackupHeader,
  pages: AsyncIterable<BackupLines>,
): Promise<WrittenBackup> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const out = createWriteStream(partial);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  const hash = createHash('sha256');
  let totalRows = 0;
  // One write per page: the gzip stream and the hash see a page's lines at once.
  const write = async (lines: string, hashed: boolean) => {
    const text = `${lines}\n`;
    if (hashed) hash.update(text);
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  try {
    await write(JSON.stringify(header), true);
    for await (const page of pages) {
      if (page.rows === 0) continue;
      await write(page.text, true);
      totalRows += page.rows;
    }
    const payloadSha256 = hash.digest('hex');
    await write(JSON.stringify({ payloadSha256, totalRows }), false);
    gzip.end();
    await done;
    await rename(partial, file);
    return { bytes: (await stat(file)).size, payloadSha256, totalRows };
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw error instanceof AppError
      ? error
      : new AppError('unavailable', `Could not write the backup file ${file}: ${(error as Error).message}`, {
          guidance: 'Check that the folder exists, is writable and has room.',
          cause: error,
          retryable: false,
        });
  }
}

/** The longest line a backup may hold: one row as JSON (the largest legitimate rows are a few hundred KB). */
export const MAX_BACKUP_LINE_BYTES = 16 * 1024 * 1024;
/** How far a backup may inflate: HDC rows compress 5–15 times; a gzip bomb inflates hundreds of times. */
export const MAX_INFLATE_RATIO = 100;
/** Below this much inflated data the ratio is not judged (a small file's gzip header and first block skew it). */
const RATIO_GRACE_BYTES = 64 * 1024 * 1024;

const NEWLINE = 0x0a;

/**
 * The file's lines, inflated as a stream. Memory holds one chunk and the line being read, at most
 * MAX_BACKUP_LINE_BYTES: a longer line, or a file inflating past MAX_INFLATE_RATIO, is refused
 * before it can exhaust memory. Errors of the file or of gzip end the iteration (no reaction is
 * left on a pending promise per line).
 */
async function* linesOf(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > RATIO_GRACE_BYTES && inflated > MAX_INFLATE_RATIO * Math.max(1, input.bytesRead)) {
        throw damaged(
          file,
          `it inflates more than ${MAX_INFLATE_RATIO} times its size (${inflated} bytes from ${input.bytesRead}): not a backup, or a gzip bomb`,
        );
      }
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, end);
        if (partialBytes + piece.length > MAX_BACKUP_LINE_BYTES) throw tooLong(file);
        yield partialBytes === 0 ? piece.toString('utf8') : Buffer.concat([...partial, piece]).toString('utf8');
        partial = [];
        partialBytes = 0;
        start = end + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        partialBytes += rest.length;
        if (partialBytes > MAX_BACKUP_LINE_BYTES) throw tooLong(file);
        // Copied: the chunk's memory is not kept alive by a small remainder.
        partial.push(Buffer.from(rest));
      }
    }
    if (partialBytes > 0) yield Buffer.concat(partial).toString('utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new AppError('validation', `No backup file at ${file}`, {
        guidance: 'Give the path of a file written by hdc-ops backup.',
        retryable: false,
      });
    }
    throw damaged(
      file,
      code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' ? 'it is not complete gzip' : (error as Error).message,
    );
  } finally {
    gunzip.destroy();
    input.destroy();
  }
}

const tooLong = (file: string) =>
  damaged(file, `it has a line longer than ${MAX_BACKUP_LINE_BYTES / 1024 / 1024} MiB (no backup row is that long)`);

function parseLine<T>(
  file: string,
  line: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  what: string,
): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw damaged(file, `${what} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw damaged(file, `${what} does not have the expected shape`);
  return parsed.data;
}

export interface VerifiedBackup {
  header: BackupHeader;
  totalRows: number;
  payloadSha256: string;
  bytes: number;
}

/**
 * Reads a backup through once: the header, every row (counted per table against the header), and
 * the trailer's SHA-256 over the bytes before it. Anything amiss is a validation error; nothing is
 * kept in memory but one line.
 */
export async function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let pending: string | undefined;
  const counts = new Map<string, number>();
  let totalRows = 0;
  for await (const line of linesOf(file)) {
    if (pending !== undefined) {
      hash.update(`${pending}\n`);
      if (header === undefined) {
        header = parseLine(file, pending, BackupHeaderSchema, 'its header');
      } else {
        const row = parseLine(file, pending, TransferRowSchema, `row ${totalRows + 1}`);
        counts.set(row.table, (counts.get(row.table) ?? 0) + 1);
        totalRows += 1;
      }
    }
    pending = line;
  }
  if (header === undefined || pending === undefined) throw damaged(file, 'it has no header or no trailer (truncated?)');
  const trailer = parseLine(file, pending, BackupTrailerSchema, 'its last line (the checksum)');
  const payloadSha256 = hash.digest('hex');
  if (trailer.payloadSha256 !== payloadSha256)
    throw damaged(file, 'its SHA-256 does not match the checksum it carries (changed or damaged)');
  if (trailer.totalRows !== totalRows)
    throw damaged(file, `it holds ${totalRows} rows, its trailer says ${trailer.totalRows}`);
  for (const table of header.tables) {
    if ((counts.get(table.name) ?? 0) !== table.rows) {
      throw damaged(
        file,
        `table ${table.name} has ${counts.get(table.name) ?? 0} rows, its manifest says ${table.rows}`,
      );
    }
  }
  return { header, totalRows, payloadSha256, bytes: (await stat(file)).size };
}

/**
 * The row lines of a backup file as they are, `size` at a time (a restore sends them to the database,
 * which parses and checks them). `onPayloadLine` sees every line the trailer's checksum covers.
 */
export async function* backupLinePages(
  file: string,
  size: number,
  onPayloadLine?: (line: string) => void,
): AsyncGenerator<BackupLines> {
  let page: string[] = [];
  let index = 0;
  let previous: string | undefined;
  for await (const line of linesOf(file)) {
    // Hold each line back one step so the trailer is never read as a row; line 0 is the header.
    if (previous !== undefined) {
      onPayloadLine?.(previous);
      if (index > 1) {
        page.push(previous);
        if (page.length >= size) {
          yield { text: page.join('\n'), rows: page.length };
          page = [];
        }
      }
    }
    previous = line;
    index += 1;
  }
  if (page.length > 0) yield { text: page.join('\n'), rows: page.length };
}

/** The rows of a backup file, parsed, `size` at a time (reading a backup's content; a restore sends the lines as they are). */
export async function* backupRowPages(file: string, size: number): AsyncGenerator<TransferRow[]> {
  // JSON escapes newlines inside a value: every line of a page's text is one row.
  for await (const page of backupLinePages(file, size))
    yield page.text.split('\n').map((line) => parseLine(file, line, TransferRowSchema, 'a row'));
}
