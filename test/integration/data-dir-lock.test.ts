import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { DATA_DIR_LOCK_FILE, holdDataDir } from '../../src/store/data-dir-lock';

// Two processes on one embedded data folder lose data (each holds its own copy in memory and the
// last to close wins). The second one is refused, naming the holder; a stale lock is taken over.
const HOST_SCRIPT = join(__dirname, '..', '..', 'dist', 'dev', 'start-local-host.js');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hdc-lock-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    log: () => undefined,
    env: { HDC_DATA_DIR: dataDir },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function startHost(): Promise<{ child: ChildProcess; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [HOST_SCRIPT], {
    env: {
      ...process.env,
      HDC_DATA_DIR: dataDir,
      HDC_DEV_PORT: '0',
      DATABASE_URL: '',
      SUPABASE_URL: '',
      SUPABASE_SERVICE_ROLE_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('is running at')) resolve({ child, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`the local host exited (${code}) before it ran: ${stderr}`)));
  });
}

test('while npm start holds the data folder, the CLI and a second host are refused naming it; after it stops, the CLI sees its data', async () => {
  expect(existsSync(HOST_SCRIPT)).toBe(true); // built by `npm test` (pretest)
  const host = await startHost();
  try {
    const refused = await cli(['registry', 'list', '--parent-page-id', '1000001']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `The data folder ${dataDir} is in use by "npm start (the local host)" (pid ${host.child.pid}`,
    );
    expect(refused.err).toMatch(/what to do: Only one process may open an embedded database\. Stop the other one/);

    const second = await startHost().then(
      () => 'started',
      (error: unknown) => (error as Error).message,
    );
    expect(second).toMatch(
      /exited \(1\).*The local host could not start: The data folder .* is in use by "npm start \(the local host\)"/s,
    );
  } finally {
    host.child.kill('SIGINT');
    expect(await host.exited).toBe(0);
  }
  expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  // The host seeded the demo into the empty folder; the CLI now reads it.
  const listed = await cli(['registry', 'list', '--parent-page-id', '1000001', '--json']);
  expect(listed.code).toBe(0);
  expect((JSON.parse(listed.out) as { events: unknown[] }).events.length).toBeGreaterThanOrEqual(8);
}, 120_000);

test('a lock left by a process that is gone is taken over', async () => {
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => gone.once('exit', resolve));
  writeFileSync(
    join(dataDir, DATA_DIR_LOCK_FILE),
    JSON.stringify({ pid: gone.pid, host: hostname(), command: 'hdc-ops seed', since: '2026-11-20T10:00:00.000Z' }),
  );
  const migrated = await cli(['migrate', '--json']);
  expect(migrated.code).toBe(0);
  expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
}, 60_000);

test('a second open in the same process is refused too, and the first keeps the folder', () => {
  const first = holdDataDir(dataDir, 'first');
  try {
    expect(() => holdDataDir(dataDir, 'second')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        guidance: expect.stringContaining('already has the folder open'),
      }) as Error,
    );
  } finally {
    first.release();
  }
  holdDataDir(dataDir, 'third').release();
});
