import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Registers the jest hooks for a suite that runs the CLI in-process on an embedded database in a
 * temporary folder, and returns the runner: exit code, standard output and standard error.
 */
export function useCliOnEmbeddedDatabase(): { readonly dataDir: string; cli: (args: string[], env?: NodeJS.ProcessEnv) => Promise<CliRun> } {
  let dataDir: string | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hdc-cli-'));
  });
  afterAll(() => {
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get dataDir() {
      return dataDir!;
    },
    cli: async (args, env = {}) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { HDC_DATA_DIR: dataDir!, ...env } });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
  };
}
