import { DEMO_EVENTS } from '../../src/seed/demo-hdc';
import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { HealthReportSchema } from '../../src/contract/operations';
import { checksumOf, readMigrationFiles } from '../../src/store/migration-files';
import { runMigrations } from '../../src/store/migration-runner';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import { createServerTestDatabase } from '../helpers/test-database';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';

const runner = useCliOnEmbeddedDatabase();
const cli = runner.cli;
const dataDir = (): string => runner.dataDir;
const workDir = (): string => runner.workDir;
const backupDir = () => join(workDir(), 'backups');
const env = () => ({ HDC_BACKUP_DIR: backupDir(), HDC_PARENT_PAGE_ID: '1000001' });
const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli(args, { ...env(), ...extra });

beforeAll(async () => {
  expect((await run(['migrate'])).code).toBe(0);
  expect((await run(['seed', '--demo'])).code).toBe(0);
});

test('migrate --plan on an up-to-date database lists nothing and changes nothing', async () => {
  const plan = await run(['migrate', '--plan', '--json']);
  expect(plan.code).toBe(0);
  expect(JSON.parse(plan.out)).toEqual({
    schemaVersion: EXPECTED_SCHEMA_VERSION,
    targetVersion: EXPECTED_SCHEMA_VERSION,
    pending: [],
    functions: [],
  });
});

test('health prints health+json; warn (sampler, backup) exits 0', async () => {
  const health = await run(['health', '--json']);
  expect(health.code).toBe(0);
  expect(HealthReportSchema.parse(JSON.parse(health.out))).toMatchObject({ status: 'warn' });
  expect((await run(['health'])).out).toMatch(/database:schemaVersion\s+pass/);
});

test('backup, then restore: refused without --replace naming the site and the counts; --dry-run changes nothing; --replace takes a pre-restore backup first', async () => {
  const file = join(workDir(), 'manual.hdcbak.gz');
  const backup = await run(['backup', '--out', file, '--json']);
  expect(backup.code).toBe(0);
  expect(JSON.parse(backup.out)).toMatchObject({ file, totalRows: expect.any(Number) });
  const refused = await run(['restore', file]);
  expect(refused.code).toBe(2);
  expect(refused.err).toMatch(/Site ari:cloud:confluence::site\/local already holds \d+ rows \(.*\busers 8→8\b/);
  expect(refused.err).toMatch(/\bevent (\d+)→\1\b/);
  expect(refused.err).toMatch(/--replace/);
  const dry = await run(['restore', file, '--dry-run', '--json']);
  expect(dry.code).toBe(0);
  expect(JSON.parse(dry.out)).toMatchObject({
    dryRun: true,
    tables: expect.arrayContaining([
      { name: 'event', rowsNow: DEMO_EVENTS.length, rowsInBackup: DEMO_EVENTS.length, changes: false },
    ]),
  });
  const replaced = await run(['restore', file, '--replace', '--json']);
  expect(replaced.code).toBe(0);
  const outcome = JSON.parse(replaced.out) as { preRestoreBackup: string; applied: { verified: boolean } };
  expect(outcome.applied.verified).toBe(true);
  expect(existsSync(outcome.preRestoreBackup)).toBe(true);
  expect((await run(['restore', join(workDir(), 'nope.gz')])).code).toBe(1);
  expect((await run(['backup'])).code).toBe(2);
});

test('ops summary: exit 1 forbidden for a non-operator; the demo operator reads it', async () => {
  const refused = await run(['ops', 'summary', '--as-account', 'demo-non-admin']);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/\[forbidden\]/);
  const read = await run(['ops', 'summary', '--as-account', 'demo-operator']);
  expect(read.code).toBe(0);
  // The demo's partial, escalation-needed and escalated events.
  expect(read.out).toMatch(/Sync backlog: 3 partial, 0 failed, 1 escalation waiting; oldest: Design Sprint 2026/);
});

test('drill on the embedded database: parity, reads alike, RTO and RPO within target; Markdown and JSON reports; recorded for readiness', async () => {
  const markdown = join(workDir(), 'reports', 'drill.md');
  const drill = await run(['drill', '--json', '--markdown', markdown]);
  expect(drill.code).toBe(0);
  type Parity = {
    table: string;
    rowsLive: number;
    rowsRestored: number;
    hashLive: string;
    hashRestored: string;
    same: boolean;
  };
  const report = JSON.parse(drill.out) as {
    passed: boolean;
    parity: Parity[];
    reads: { same: boolean; read: string }[];
    rto: { met: boolean };
    rpo: { met: boolean; seconds: number };
  };
  expect(report).toMatchObject({ passed: true, rto: { met: true }, rpo: { met: true } });
  // Same means equal figures, for every table (the audit log included): never a row count off by the restore's own row.
  for (const row of report.parity) {
    expect(row).toEqual({ ...row, rowsRestored: row.rowsLive, hashRestored: row.hashLive, same: true });
  }
  const audit = report.parity.find((row) => row.table === 'ops_audit_log')!;
  expect(readFileSync(markdown, 'utf8')).toContain(
    `| ops_audit_log | ${audit.rowsLive} | ${audit.rowsLive} | ${audit.hashLive.slice(0, 12)} | ${audit.hashLive.slice(0, 12)} | yes |`,
  );
  expect(report.reads.map((r) => r.read)).toEqual(
    expect.arrayContaining(['registry.list 1000001', 'integrity dry-run']),
  );
  expect(readFileSync(markdown, 'utf8')).toMatch(/# Recovery drill — PASSED/);
  expect(JSON.parse(readFileSync(join(workDir(), 'reports', 'drill.json'), 'utf8'))).toMatchObject({ passed: true });
  const health = HealthReportSchema.parse(JSON.parse((await run(['health', '--json'])).out));
  expect(health.checks['backup:freshness']?.[0]?.status).toBe('pass');
});

test('readiness-check on the demo: one verdict (PASS), one report', async () => {
  const check = await run(['readiness-check', '--as-account', 'demo-operator', '--json']);
  expect(check.code).toBe(0);
  const verdict = JSON.parse(check.out) as { verdict: string; report: string; failures: string[] };
  expect(verdict).toMatchObject({ verdict: 'PASS', failures: [] });
  expect(readFileSync(verdict.report, 'utf8')).toMatch(/# Launch readiness — PASS/);
  expect(readdirSync(backupDir()).some((name) => name.includes('-drill-'))).toBe(true);
});

test('rollback to a backup of the same schema restores it and checks parity', async () => {
  const file = join(workDir(), 'before-change.hdcbak.gz');
  expect((await run(['backup', '--out', file])).code).toBe(0);
  expect((await run(['operator', 'add', 'temporary-operator'])).code).toBe(0);
  const rollback = await run(['rollback', '--backup', file, '--json']);
  expect(rollback.code).toBe(0);
  expect(JSON.parse(rollback.out)).toMatchObject({ schemaReset: false, parity: true });
  expect((await run(['operator', 'list'])).out).not.toContain('temporary-operator');
});

/** Runs `work` on the CLI's embedded database between two commands. */
async function withEmbedded<T>(work: (sql: Awaited<ReturnType<typeof openPgliteExecutor>>) => Promise<T>): Promise<T> {
  const sql = await openPgliteExecutor(dataDir());
  try {
    return await work(sql);
  } finally {
    await sql.close();
  }
}

test('rollback across a schema change stops, changing nothing, when the backup of the newer schema cannot be taken; then rolls back once it can', async () => {
  const file = join(workDir(), 'pre-upgrade.hdcbak.gz');
  expect((await run(['backup', '--out', file])).code).toBe(0);
  // The next release's upgrade: a column and a data change this build does not know.
  const next = `alter table event add column tagline text; update event set name = name || ' (next)';`;
  const version = EXPECTED_SCHEMA_VERSION + 1;
  await withEmbedded((sql) =>
    runMigrations(sql, {
      migrations: [
        ...readMigrationFiles(),
        { version, name: 'next', fileName: `${version}_next.sql`, sql: next, checksum: checksumOf(next) },
      ],
    }),
  );
  const notAFolder = join(workDir(), 'not-a-folder');
  writeFileSync(notAFolder, 'a file where the backup folder should be');

  const stopped = await run(['rollback', '--backup', file], { HDC_BACKUP_DIR: notAFolder });
  expect(stopped.code).toBe(1);
  expect(stopped.err).toMatch(
    /Rollback stopped: the backup of the newer schema could not be taken \(.+\)\. Nothing was changed\./,
  );
  const after = await withEmbedded(async (sql) => ({
    renamed: (await sql.query<{ n: number }>(`select count(*)::int as n from event where name like '% (next)'`))[0]!.n,
    tagline: (
      await sql.query(`select 1 from information_schema.columns where table_name = 'event' and column_name = 'tagline'`)
    ).length,
    holds: (await sql.query('select 1 from ops_site_hold')).length,
  }));
  expect(after).toEqual({ renamed: DEMO_EVENTS.length, tagline: 1, holds: 0 });

  const rolledBack = await run(['rollback', '--backup', file, '--json']);
  expect(rolledBack.code).toBe(0);
  const outcome = JSON.parse(rolledBack.out) as { schemaReset: boolean; parity: boolean; preRestoreBackup: string };
  expect(outcome).toMatchObject({ schemaReset: true, parity: true });
  expect(existsSync(outcome.preRestoreBackup)).toBe(true);
  expect(
    await withEmbedded(
      async (sql) =>
        (await sql.query<{ n: number }>(`select count(*)::int as n from event where name like '% (next)'`))[0]!.n,
    ),
  ).toBe(0);
});

test('chaos, CLI: a database that does not answer — health exits 1 with a failing check, a command exits 1 with unavailable; nothing hangs', async () => {
  const down = { DATABASE_URL: 'postgres://hdc:secret@127.0.0.1:1/hdc' };
  const health = await run(['health', '--json'], down);
  expect(health.code).toBe(1);
  expect(HealthReportSchema.parse(JSON.parse(health.out))).toMatchObject({
    status: 'fail',
    checks: { 'database:responseTime': [{ status: 'fail' }] },
  });
  const list = await run(['registry', 'list'], down);
  expect(list.code).toBe(1);
  expect(list.err).toMatch(/\[unavailable\].*unreachable/);
  expect(list.err).not.toContain('secret');
  // Back: the embedded database answers again in the next command, without anything restarted.
  expect((await run(['registry', 'list'])).code).toBe(0);
});

const serverUrl = process.env.HDC_TEST_DATABASE_URL;
(serverUrl ? describe : describe.skip)('on a PostgreSQL server', () => {
  test('drill restores into a scratch database on the same server (dropped afterwards) and passes', async () => {
    const server = await createServerTestDatabase(serverUrl ?? '');
    try {
      const onServer = (args: string[]) =>
        runCli(args, {
          out: () => undefined,
          err: () => undefined,
          log: () => undefined,
          env: { ...env(), DATABASE_URL: server.url },
        });
      expect(await onServer(['migrate'])).toBe(0);
      expect(await onServer(['seed', '--demo'])).toBe(0);
      const out: string[] = [];
      const code = await runCli(['drill', '--json', '--markdown', join(workDir(), 'server-drill.md')], {
        out: (t) => out.push(t),
        err: () => undefined,
        log: () => undefined,
        env: { ...env(), DATABASE_URL: server.url },
      });
      expect(code).toBe(0);
      const report = JSON.parse(out.join('\n')) as { passed: boolean; scratch: string };
      expect(report).toMatchObject({
        passed: true,
        scratch: expect.stringMatching(/^database hdc_drill_\w+ on the same server/),
      });
      const name = /database (hdc_drill_\w+)/.exec(report.scratch)?.[1];
      const { openPgExecutor } = await import('../../src/store/pg-executor');
      const admin = openPgExecutor(serverUrl ?? '');
      try {
        expect(await admin.query('select count(*)::int as n from pg_database where datname = $1', [name])).toEqual([
          { n: 0 },
        ]);
      } finally {
        await admin.close();
      }
    } finally {
      await server.drop();
    }
  });
});
