import { NO_DEADLINE } from '../src/shared/deadline';
import { createOperationsStore } from '../src/store/operations-store';
import { createSiteRpc } from '../src/store/site-rpc';
import { TelemetryOutbox } from '../src/telemetry/telemetry-outbox';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localDatabaseOver } from '../src/app/local-database';
import { applyRestore, planRestore, takeBackup } from '../src/ops/backup-runner';
import { seedBulk } from '../src/seed/seed-bulk';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { runMigrations } from '../src/store/migration-runner';
import { openPgExecutor } from '../src/store/pg-executor';
import { createServerDatabase } from '../src/store/server-database';

const EVENTS = 100_000;
const HACKS_PER_EVENT = 3;
const TARGET_MS = 30_000;
const RSS_TARGET_MB = 256;

const run = promisify(execFile);
const round = (value: number) => Math.round(value);

/** Debian's pg_dump for the server's major version (the newest installed when that one is missing). */
async function pgDumpFor(serverVersionNum: number): Promise<string> {
  const major = Math.floor(serverVersionNum / 10_000);
  const { stdout } = await run('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin/pg_dump 2>/dev/null || true']);
  const installed = stdout.split('\n').filter(Boolean);
  return installed.find((path) => path.includes(`/${major}/`)) ?? installed.at(-1) ?? 'pg_dump';
}

/**
 * backup_restore on a PostgreSQL server, run in a process of its own so that its peak RSS is the
 * backup's and the restore's alone: 100,000 events with 300,000 hacks; a backup, the file checked as
 * a restore checks it, a restore over the same site; and pg_dump of the same tables' data (custom
 * format, compressed like ours) for comparison. Prints one JSON object.
 */
async function main() {
  // Sampled, not getrusage's maxRSS: a process spawned by the bench inherits its parent's peak through fork and exec.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  sampler.unref();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL must name the PostgreSQL server');
  const database = await createServerDatabase(serverUrl, 'hdc_bench_backup');
  const dir = mkdtempSync(join(tmpdir(), 'hdc-bench-backup-server-'));
  // Seeding 400,000 rows is one transaction longer than the statement timeout; the app's calls keep it.
  const seeder = openPgExecutor(database.url, { statementTimeoutMs: 0 });
  const sql = openPgExecutor(database.url);
  try {
    await runMigrations(seeder);
    await seedBulk(seeder, {
      site: LOCAL_SITE_ID,
      events: EVENTS,
      hacksPerEvent: HACKS_PER_EVENT,
      parentPageId: '6000000',
    });
    await seeder.exec('vacuum analyze');
    const local = localDatabaseOver(sql);
    const store = createOperationsStore(
      createSiteRpc(local.rpc, new TelemetryOutbox(), { site: LOCAL_SITE_ID, deadline: NO_DEADLINE }),
    );

    const file = join(dir, 'server.hdcbak.gz');
    let started = performance.now();
    const backup = await takeBackup(store, { file, actor: 'bench', kind: 'manual', includeTelemetry: true });
    const backupMs = performance.now() - started;
    const plan = await planRestore(store, file, LOCAL_SITE_ID);
    const restored = await applyRestore(store, plan, 'bench');

    const [version] = await sql.query<{ v: number }>(`select current_setting('server_version_num')::int as v`);
    const pgDump = await pgDumpFor(version?.v ?? 0);
    const tables = backup.manifest.tables.map((table) => ['--table', table.name]).flat();
    const dumpFile = join(dir, 'server.pgdump');
    started = performance.now();
    await run(pgDump, ['--data-only', '--format=custom', '--file', dumpFile, ...tables, '--dbname', database.url]);
    const pgDumpMs = performance.now() - started;

    const totalMs = backupMs + restored.restoreMs + plan.checkMs;
    const peakRssMB = Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024;
    process.stdout.write(
      `${JSON.stringify({
        events: EVENTS,
        hacks: EVENTS * HACKS_PER_EVENT,
        rows: backup.totalRows,
        backupMs: round(backupMs),
        restoreMs: round(restored.restoreMs),
        verifyMs: round(plan.checkMs),
        totalMs: round(totalMs),
        targetMs: TARGET_MS,
        metTarget: totalMs <= TARGET_MS,
        bytes: backup.bytes,
        pgDumpMs: round(pgDumpMs),
        pgDumpBytes: statSync(dumpFile).size,
        pgDump: `${pgDump} --data-only --format=custom (the ${backup.manifest.tables.length} tables a backup holds)`,
        backupToPgDump: Number((backupMs / pgDumpMs).toFixed(2)),
        backupTargetRatio: 2,
        peakRssMB: round(peakRssMB),
        rssTargetMB: RSS_TARGET_MB,
        metRssTarget: peakRssMB <= RSS_TARGET_MB,
        note: "one run in a process of its own (peak RSS sampled every 20 ms); restore = staging + the one-transaction apply without a statement timeout (the operator's direct connection); verify = the file read through for its checksum + the site figures",
      })}\n`,
    );
  } finally {
    await sql.close();
    await seeder.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `backup_restore on the server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
