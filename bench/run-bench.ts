import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createServerDatabase } from '../src/store/server-database';
import { createApp } from '../src/app/create-app';
import { createDatabaseAdmin } from '../src/app/database-admin';
import { localDatabaseOver } from '../src/app/local-database';
import { packageRoot } from '../src/shared/package-root';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { openPgExecutor } from '../src/store/pg-executor';
import { openPgliteExecutor } from '../src/store/pglite-executor';
import type { SqlExecutor } from '../src/store/sql-executor';
import { DEFAULT_THRESHOLDS } from '../src/verification/default-thresholds';
import { benchForgeColdStart } from './forge-cold-start';
import { benchBackupRestore } from './backup-restore';
import { benchOrphanScan } from './orphan-scan';
import { benchOrphanScanJob } from './orphan-scan-job';
import { perHackSync } from './per-hack-sync';
import { percentile } from './percentiles';
import { benchTelemetryScale } from './telemetry-scale';
import { benchWeeklyPublish } from './weekly-publish';
import { benchPrivacyReport } from './privacy-report';

const REGISTRY_EVENTS = 2_500;
const SYNC_HACKS = 3_000;
const SYNC_ITERATIONS = 20;
const PER_HACK_ITERATIONS = 5;
const REGISTRY_ITERATIONS = 100;
const DRY_RUN_EVENTS = 10_000;
const DRY_RUN_HACKS_PER_EVENT = 2;
const DRY_RUN_ITERATIONS = 20;
const BENCH_SETTINGS = {
  thresholds: DEFAULT_THRESHOLDS,
  canonicalEventQuery: 'HDC Auto',
  environment: 'bench',
  parentPageId: undefined,
};

async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function benchOn(label: string, sql: SqlExecutor) {
  process.stderr.write(`[${label}] migrating and seeding…\n`);
  const database = createDatabaseAdmin(sql);
  await database.migrate();
  const site = LOCAL_SITE_ID;
  const opened = localDatabaseOver(sql);
  const app = createApp({ rpc: opened.rpc, settings: BENCH_SETTINGS, log: () => undefined });
  const services = app.servicesFor({ site });
  await database.seedBulk({ site, events: REGISTRY_EVENTS, hacksPerEvent: 0, parentPageId: '31000001' });
  const syncSeed = await database.seedBulk({
    site,
    events: SYNC_ITERATIONS + PER_HACK_ITERATIONS + 2,
    hacksPerEvent: SYNC_HACKS,
    parentPageId: '32000001',
  });
  const admin = { accountId: syncSeed.adminAccountId };

  process.stderr.write(`[${label}] registry.list over ${REGISTRY_EVENTS} events…\n`);
  const registry: number[] = [];
  let trips = opened.rpc.roundTrips;
  for (let i = 0; i < REGISTRY_ITERATIONS; i += 1) {
    registry.push(await timeIt(() => services.registry.list({ parentPageId: '31000001', limit: 100 })));
  }
  const registryTrips = (opened.rpc.roundTrips - trips) / REGISTRY_ITERATIONS;

  // The same lookup in SQL, called directly and through hdc_call (the boundary every call of the app
  // takes, which records telemetry and types the arguments from the catalog), interleaved.
  const lookupArgs = {
    p_parent_page_id: '31000001',
    p_after_key: null,
    p_after_id: null,
    p_limit: 100,
    p_now: new Date(),
  };
  const direct: number[] = [];
  const boundary: number[] = [];
  for (let i = 0; i < REGISTRY_ITERATIONS; i += 1) {
    direct.push(
      await timeIt(() =>
        sql.query(
          `select hdc_registry_list(p_site => $1, p_parent_page_id => $2, p_after_key => null, p_after_id => null,
             p_limit => 100, p_now => $3)`,
          [site, lookupArgs.p_parent_page_id, lookupArgs.p_now.toISOString()],
        ),
      ),
    );
    boundary.push(
      await timeIt(() =>
        sql.query(`select hdc_call(p_site => $1, p_fn => 'hdc_registry_list', p_args => $2::jsonb)`, [
          site,
          JSON.stringify(lookupArgs),
        ]),
      ),
    );
  }

  process.stderr.write(`[${label}] Complete + Sync over ${SYNC_HACKS} hacks × ${SYNC_ITERATIONS}…\n`);
  const [warmup, ...rest] = syncSeed.eventIds;
  if (warmup === undefined) throw new Error('The sync seed created no events');
  await services.sync.completeAndSync(admin, warmup);
  const sync: number[] = [];
  trips = opened.rpc.roundTrips;
  for (const eventId of rest.slice(0, SYNC_ITERATIONS)) {
    sync.push(await timeIt(() => services.sync.completeAndSync(admin, eventId)));
  }
  const syncTrips = (opened.rpc.roundTrips - trips) / SYNC_ITERATIONS;

  process.stderr.write(`[${label}] per-hack writes × ${PER_HACK_ITERATIONS}…\n`);
  const perHack: number[] = [];
  let perHackTrips = 0;
  for (const eventId of rest.slice(SYNC_ITERATIONS, SYNC_ITERATIONS + PER_HACK_ITERATIONS)) {
    perHack.push(
      await timeIt(async () => {
        perHackTrips = await perHackSync(sql, eventId);
      }),
    );
  }

  process.stderr.write(`[${label}] integrity dry-run over ${DRY_RUN_EVENTS} events × ${DRY_RUN_ITERATIONS}…\n`);
  await database.seedBulk({
    site,
    events: DRY_RUN_EVENTS,
    hacksPerEvent: DRY_RUN_HACKS_PER_EVENT,
    parentPageId: '33000001',
    namePrefix: 'HDC Auto bench',
  });
  const warm = await services.verification.dryRun('HDC Auto bench');
  if (warm.summary.events !== DRY_RUN_EVENTS)
    throw new Error(`The dry-run saw ${warm.summary.events} events, not ${DRY_RUN_EVENTS}`);
  const dryRun: number[] = [];
  trips = opened.rpc.roundTrips;
  for (let i = 0; i < DRY_RUN_ITERATIONS; i += 1) {
    dryRun.push(await timeIt(() => services.verification.dryRun('HDC Auto bench')));
  }
  const dryRunTrips = (opened.rpc.roundTrips - trips) / DRY_RUN_ITERATIONS;

  const syncP95 = percentile(sync, 95);
  const perHackP95 = percentile(perHack, 95);
  return {
    registry_lookup: {
      events: REGISTRY_EVENTS,
      p50Ms: percentile(registry, 50),
      p95Ms: percentile(registry, 95),
      roundTrips: registryTrips,
      // The SQL alone, without the service: the cost of the hdc_call boundary on one lookup.
      sqlDirectP50Ms: percentile(direct, 50),
      sqlThroughHdcCallP50Ms: percentile(boundary, 50),
      hdcCallOverheadP50Ms: Math.round((percentile(boundary, 50) - percentile(direct, 50)) * 100) / 100,
    },
    complete_and_sync: {
      hacks: SYNC_HACKS,
      p50Ms: percentile(sync, 50),
      p95Ms: syncP95,
      roundTrips: syncTrips,
      perHackWritesP95Ms: perHackP95,
      perHackWritesRoundTrips: perHackTrips,
      speedup: Math.round((perHackP95 / syncP95) * 10) / 10,
    },
    integrity_dry_run: {
      events: DRY_RUN_EVENTS,
      p50Ms: percentile(dryRun, 50),
      p95Ms: percentile(dryRun, 95),
      roundTrips: dryRunTrips,
    },
  };
}

const COLD_START_RUNS = 15;

/** Rows of telemetry a week: a large site (the registry macro on every page view) and five times it. */
const TELEMETRY_SCALE_ROWS = [1_000_000, 5_000_000];
/** The embedded database holds everything in this process's memory: 5 M rows would take it past 2 GB. */
const PGLITE_TELEMETRY_SCALE_ROWS = [1_000_000];

/** A fresh database on the server of `serverUrl` for one traffic level, dropped afterwards. */
async function freshServerDatabase(serverUrl: string) {
  const database = await createServerDatabase(serverUrl, 'hdc_bench');
  const sql = openPgExecutor(database.url);
  return {
    sql,
    url: database.url,
    async close() {
      await sql.close();
      await database.drop();
    },
  };
}

async function telemetryScaleOn(
  label: string,
  rows: number[],
  open: () => Promise<{ sql: SqlExecutor; url?: string; close(): Promise<void> }>,
) {
  const results: Record<string, unknown> = {};
  for (const count of rows) {
    const database = await open();
    try {
      results[String(count)] = await benchTelemetryScale(label, database, count, BENCH_SETTINGS);
    } finally {
      await database.close();
    }
  }
  return results;
}

async function telemetryScale(): Promise<Record<string, unknown>> {
  const embedded = await telemetryScaleOn('pglite', PGLITE_TELEMETRY_SCALE_ROWS, async () => {
    const sql = await openPgliteExecutor();
    return { sql, close: () => sql.close() };
  });
  const serverUrl = process.env.DATABASE_URL;
  return {
    pglite: {
      ...embedded,
      note: "5,000,000 rows a week are not generated on the embedded database: it keeps them in this process's memory (over 2 GB); the 5 M case runs on the server.",
    },
    ...(serverUrl
      ? { postgres: await telemetryScaleOn('postgres', TELEMETRY_SCALE_ROWS, () => freshServerDatabase(serverUrl)) }
      : {}),
  };
}

/** alert_evaluation, from the telemetry_scale runs: one evaluator run at each traffic level. */
function alertEvaluationOf(scale: Record<string, unknown>): Record<string, unknown> {
  const perLevel = (levels: unknown) =>
    Object.fromEntries(
      Object.entries((levels ?? {}) as Record<string, unknown>).flatMap(([rows, figures]) =>
        typeof figures === 'object' && figures !== null && 'alertEvaluation' in figures
          ? [[`${rows} rows a week`, figures.alertEvaluation]]
          : [],
      ),
    );
  return {
    target: 'p95 ≤ 50 ms and one database round trip per run',
    pglite: perLevel(scale.pglite),
    ...(scale.postgres === undefined ? {} : { postgres: perLevel(scale.postgres) }),
  };
}

/**
 * backup_restore: 10,000 events on the embedded database, and with DATABASE_URL 100,000 events with
 * 300,000 hacks on the server, in a process of its own (its peak RSS is the transfer's alone).
 */
async function backupRestore(): Promise<Record<string, unknown>> {
  process.stderr.write('[backup_restore] 10,000 events on the embedded database…\n');
  const embedded = await benchBackupRestore();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { ...embedded, server: 'not run: set DATABASE_URL to a PostgreSQL server' };
  process.stderr.write('[backup_restore] 100,000 events with 300,000 hacks on the server, beside pg_dump…\n');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(packageRoot(), 'dist', 'bench', 'backup-restore-server.js')],
    {
      env: process.env,
      maxBuffer: 1024 * 1024,
    },
  );
  return { ...embedded, server: JSON.parse(stdout) as unknown };
}

/** orphan_scan (10,000 pages, and 100,000 as the background job) and cleanup_execute (500 items). */
async function orphanScanAndExecute(): Promise<Record<string, unknown>> {
  process.stderr.write('[orphan_scan] 10,000 pages, then 500 items executed…\n');
  const { cleanupExecute, ...scan } = await benchOrphanScan();
  process.stderr.write('[orphan_scan] 100,000 pages as the background job, 50 ms a request…\n');
  const backgroundJob = await benchOrphanScanJob();
  return { orphan_scan: { ...scan, backgroundJob }, cleanup_execute: cleanupExecute };
}

/** privacy_report: 10,000 accounts reported with 50 ms a request (≤ 10 s), 100 closed ones erased (≤ 2 s). */
async function privacyReport() {
  process.stderr.write('[privacy_report] 10,000 accounts to the local host, 50 ms a request; 100 closed erased…\n');
  const sql = await openPgliteExecutor();
  try {
    return await benchPrivacyReport(BENCH_SETTINGS, sql);
  } finally {
    await sql.close();
  }
}

/** weekly_publish: the newest report rendered and published to the local Confluence (≤ 1 s). */
function weeklyPublish() {
  process.stderr.write(
    '[weekly_publish] the demo report to the local Confluence, at its speed and with 50 ms a request…\n',
  );
  return benchWeeklyPublish(BENCH_SETTINGS);
}

async function main() {
  const dir = join(packageRoot(), 'bench', 'results');
  const latest = join(dir, 'latest.json');
  mkdirSync(dir, { recursive: true });
  // HDC_BENCH_ONLY=telemetry_scale (or orphan_scan, backup_restore, weekly_publish, privacy_report) runs that part alone and keeps the other figures of latest.json.
  const only = process.env.HDC_BENCH_ONLY;
  const parts: Record<string, () => Promise<Record<string, unknown>>> = {
    telemetry_scale: async () => {
      const scale = await telemetryScale();
      return { telemetry_scale: scale, alert_evaluation: alertEvaluationOf(scale) };
    },
    orphan_scan: orphanScanAndExecute,
    backup_restore: async () => ({ backup_restore: await backupRestore() }),
    weekly_publish: async () => ({ weekly_publish: await weeklyPublish() }),
    privacy_report: async () => ({ privacy_report: await privacyReport() }),
  };
  const part = only === undefined ? undefined : parts[only];
  if (only !== undefined) {
    if (part === undefined) throw new Error(`HDC_BENCH_ONLY must be one of ${Object.keys(parts).join(', ')}`);
    const { partialRun: _earlier, ...kept } = existsSync(latest)
      ? (JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown>)
      : {};
    const figures = await part();
    // Figures not measured now are kept, and said to be: the file never passes old figures off as new.
    const notMeasured = Object.keys(kept).filter((key) => key !== 'env' && !(key in figures));
    const partialRun = { only, at: new Date().toISOString(), notMeasuredNow: notMeasured };
    process.stderr.write(
      `[bench] ${only} only; kept from an earlier run, not measured now: ${notMeasured.join(', ')}\n`,
    );
    writeFileSync(latest, `${JSON.stringify({ ...kept, ...figures, partialRun }, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify({ ...figures, partialRun }, null, 2)}\n`);
    return;
  }
  const env = {
    node: process.version,
    platform: process.platform,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    at: new Date().toISOString(),
  };
  process.stderr.write(
    `[forge] bundling as forge deploy does, then ${COLD_START_RUNS} fresh processes load it and answer a first call…\n`,
  );
  const forgeColdStart = await benchForgeColdStart(packageRoot(), COLD_START_RUNS);
  const pglite = await openPgliteExecutor();
  const results: Record<string, unknown> = {
    ...(await benchOn('pglite', pglite)),
    forge_cold_start: forgeColdStart,
    env: { ...env, database: 'pglite (in memory)' },
  };
  await pglite.close();
  if (process.env.DATABASE_URL) {
    const pg = openPgExecutor(process.env.DATABASE_URL);
    results.postgres = await benchOn('postgres', pg);
    await pg.close();
  }
  Object.assign(results, await orphanScanAndExecute());
  results.telemetry_scale = await telemetryScale();
  results.alert_evaluation = alertEvaluationOf(results.telemetry_scale as Record<string, unknown>);
  results.backup_restore = await backupRestore();
  results.weekly_publish = await weeklyPublish();
  results.privacy_report = await privacyReport();
  writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
