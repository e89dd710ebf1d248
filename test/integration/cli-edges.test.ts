import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';

// The CLI at its edges, as operators meet them: configuration, a database not migrated yet, --json,
// files it must not overwrite, flags in people's words, and output that is only the person's.
const runner = useCliOnEmbeddedDatabase();
const backups = () => join(runner.workDir, 'backups');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runner.cli(args, { HDC_BACKUP_DIR: backups(), ...env });
const noStack = /\n\s+at /;

describe('before migrate', () => {
  test('a malformed DATABASE_URL is a configuration error naming the variable, exit 2, without its value or a stack', async () => {
    const result = await run(['registry', 'list'], { DATABASE_URL: 'not a url with secret-password' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DATABASE_URL must be a postgres:\/\/ connection string/);
    expect(result.err).not.toContain('secret-password');
    expect(result.err).not.toMatch(noStack);
  });

  test('a database that is not migrated: "run hdc-ops migrate", exit 2, no stack', async () => {
    const result = await run(['registry', 'list', '--parent-page-id', '1']);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toMatch(/The database is not migrated[\s\S]*Run `hdc-ops migrate` first/);
    expect(result.err).not.toMatch(noStack);
  });

  test('with --json every error is one JSON object on stdout, and nothing else is there', async () => {
    const notMigrated = await run(['registry', 'list', '--parent-page-id', '1', '--json']);
    expect(notMigrated.code).toBe(2);
    expect(JSON.parse(notMigrated.out)).toEqual({
      error: {
        code: 'not_migrated',
        message: expect.stringContaining('not migrated'),
        guidance: expect.stringContaining('hdc-ops migrate'),
      },
    });
    const badFlag = await run(['backup', '--out', 'x.gz', '--json', '--no-such-flag']);
    expect(badFlag.code).toBe(2);
    expect(JSON.parse(badFlag.out)).toEqual({
      error: { code: 'usage', message: expect.stringContaining('--no-such-flag'), guidance: 'See --help.' },
    });
    const config = await run(['health', '--json'], { DATABASE_URL: 'nope' });
    expect(JSON.parse(config.out)).toMatchObject({
      error: { code: 'config', message: expect.stringContaining('DATABASE_URL') },
    });
  });
});

describe('on a migrated demo', () => {
  beforeAll(async () => {
    expect((await run(['migrate'])).code).toBe(0);
    expect((await run(['seed', '--demo'])).code).toBe(0);
  });

  test("telemetry lines go to the log, never to the person's output", async () => {
    const result = await run(['registry', 'list']);
    expect(result.code).toBe(0);
    expect(`${result.out}\n${result.err}`).not.toContain('[hdc-telemetry]');
    expect(result.log).toContain('[hdc-telemetry]');
  });

  test("a malformed flag value is exit 2 in people's words, naming the flag, before any other check", async () => {
    const limit = await run(['registry', 'list', '--limit', 'abc']);
    expect(limit.code).toBe(2);
    expect(limit.err).toMatch(/--limit must be a number/);
    expect(limit.err).not.toMatch(/Invalid input|received NaN/);
    // No scan has run on this site: the malformed page id is still what is reported.
    const trash = await run(['cleanup', 'plan', '--trash', 'abc', '--as-account', 'demo-operator']);
    expect(trash.code).toBe(2);
    expect(trash.err).toMatch(/--trash .*page/i);
    expect(trash.err).not.toMatch(/No complete scan/);
  });

  test('readiness-check by someone who is not an operator is refused before the drill, and writes no report', async () => {
    const report = join(runner.workDir, 'readiness-by-stranger.md');
    const backupsBefore = existsSync(backups()) ? readdirSync(backups()).length : 0;
    const result = await run(['readiness-check', '--as-account', 'not-an-operator', '--report', report]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/error \[forbidden\]: not-an-operator is not an HDC operator/);
    expect(result.err).not.toMatch(/recovery drill/);
    expect(existsSync(report)).toBe(false);
    expect(existsSync(backups()) ? readdirSync(backups()).length : 0).toBe(backupsBefore);
  });

  test('--out, --markdown and --report never replace a file without --force, nor write inside the data folder', async () => {
    const versionFile = join(runner.dataDir, 'PG_VERSION');
    const version = readFileSync(versionFile, 'utf8');
    const intoData = await run(['backup', '--out', versionFile]);
    expect(intoData.code).toBe(2);
    expect(intoData.err).toMatch(/--out .* is inside the database's data folder/);
    expect(readFileSync(versionFile, 'utf8')).toBe(version);

    const notes = join(runner.workDir, 'notes.txt');
    writeFileSync(notes, 'my notes');
    writeFileSync(`${notes}.json`, '{"mine":true}');
    const drill = await run(['drill', '--markdown', notes]);
    expect(drill.code).toBe(2);
    expect(drill.err).toMatch(/--markdown .*notes\.txt exists[\s\S]*--force/);
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
    expect(readFileSync(`${notes}.json`, 'utf8')).toBe('{"mine":true}');
    const readiness = await run(['readiness-check', '--as-account', 'demo-operator', '--report', notes]);
    expect(readiness.code).toBe(2);
    expect(readFileSync(notes, 'utf8')).toBe('my notes');

    const file = join(runner.workDir, 'edge.hdcbak.gz');
    expect((await run(['backup', '--out', file])).code).toBe(0);
    const again = await run(['backup', '--out', file]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/exists[\s\S]*--force/);
    const forced = await run(['backup', '--out', file, '--force']);
    expect(forced.code).toBe(0);
    // One progress style: "2,000 / 13,324 rows read".
    expect(
      forced.err
        .split('\n')
        .filter((line) => line.includes('rows read'))
        .every((line) => /^ {2}[\d,]+ \/ [\d,]+ rows read$/.test(line)),
    ).toBe(true);
  });
});

test('every command, argument and flag has help text', () => {
  const missing: string[] = [];
  const walk = (command: Command, path: string) => {
    if (command.description().trim() === '') missing.push(`${path}: no description`);
    for (const option of command.options) if (option.description.trim() === '') missing.push(`${path} ${option.flags}`);
    for (const argument of command.registeredArguments)
      if (argument.description.trim() === '') missing.push(`${path} <${argument.name()}>`);
    for (const sub of command.commands) walk(sub, `${path} ${sub.name()}`);
  };
  walk(buildProgram({ out: () => undefined, err: () => undefined, log: () => undefined, env: {} }), 'hdc-ops');
  expect(missing).toEqual([]);
});
