import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** What went to the log (telemetry lines), apart from the person's output. */
  log: string;
}

/**
 * Registers the jest hooks for a suite that runs the CLI in-process on an embedded database in a
 * temporary folder, and returns the runner: exit code, standard output and standard error.
 */
export function useCliOnEmbeddedDatabase(): {
  /** The embedded database's folder (HDC_DATA_DIR): the CLI writes no file of its own in it. */
  readonly dataDir: string;
  /** A folder beside it for the files a test has the CLI write (backups, reports). */
  readonly workDir: string;
  cli: (args: string[], env?: NodeJS.ProcessEnv) => Promise<CliRun>;
} {
  let root: string | undefined;
  let dataDir: string | undefined;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hdc-cli-'));
    dataDir = join(root, 'data');
  });
  afterAll(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });
  return {
    get dataDir() {
      return dataDir!;
    },
    get workDir() {
      return root!;
    },
    cli: async (args, env = {}) => {
      const out: string[] = [];
      const err: string[] = [];
      const log: string[] = [];
      const code = await runCli(args, {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        log: (t) => log.push(t),
        env: { HDC_DATA_DIR: dataDir!, ...env },
      });
      return { code, out: out.join('\n'), err: err.join('\n'), log: log.join('\n') };
    },
  };
}
