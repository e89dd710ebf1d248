import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { generateTelemetry } from '../dev/generate-telemetry';
import { createApp } from '../src/app/create-app';
import type { AppSettings } from '../src/app/app-settings';
import { localDatabaseOver } from '../src/app/local-database';
import { NO_DEADLINE } from '../src/shared/deadline';
import { packageRoot } from '../src/shared/package-root';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { runMigrations } from '../src/store/migration-runner';
import type { SqlExecutor } from '../src/store/sql-executor';
import { percentile } from './percentiles';

const WINDOW_ITERATIONS = 20;
const WEEKLY_ITERATIONS = 5;
const CLI_ITERATIONS = 3;
const ALERT_ITERATIONS = 20;
const DAY_MS = 86_400_000;
const MB = 1024 * 1024;

export interface ScaleDatabase {
  sql: SqlExecutor;
  /** A DATABASE_URL for a CLI process (a server only). */
  url?: string;
  close(): Promise<void>;
}

async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const round = (value: number) => Math.round(value * 100) / 100;

async function sizeMB(sql: SqlExecutor, tables: string[]): Promise<number> {
  const [row] = await sql.query<{ bytes: string }>(
    `select sum(pg_total_relation_size(t::regclass))::bigint as bytes from unnest($1::text[]) as t`,
    [tables],
  );
  return round(Number(row?.bytes ?? 0) / MB);
}

/**
 * One traffic level on a fresh database: `rows` of synthetic telemetry over the 7 days before now
 * (generated set-based, in time order), folded as the hourly sampler would have, then the 7-day
 * window and the weekly check (fold of what is new, dry-run, window, report stored) timed.
 */
export async function benchTelemetryScale(label: string, database: ScaleDatabase, rows: number, settings: AppSettings) {
  const { sql } = database;
  await runMigrations(sql);
  const site = LOCAL_SITE_ID;
  const now = Date.now();
  process.stderr.write(`[${label}] telemetry_scale: generating ${rows.toLocaleString('en')} rows over 7 days…\n`);
  const generateMs = await timeIt(() =>
    sql.transaction((tx) => generateTelemetry(tx, { site, rows, from: new Date(now - 7 * DAY_MS), to: new Date(now) })),
  );
  await sql.exec('vacuum analyze');

  const opened = localDatabaseOver(sql);
  const services = createApp({ rpc: opened.rpc, settings, log: () => undefined }).servicesFor({ site });
  process.stderr.write(`[${label}] telemetry_scale: folding the week…\n`);
  let hours = 0;
  const foldMs = await timeIt(async () => {
    hours = (await services.verification.foldTelemetry('bench')).hours;
  });
  // What the hourly sampler folds once it keeps up: the open hour (the previous one too in an hour's first 10 minutes).
  const steadyFoldMs = await timeIt(() => services.verification.foldTelemetry('bench'));
  await sql.exec('vacuum analyze');

  process.stderr.write(
    `[${label}] telemetry_scale: the 7-day window × ${WINDOW_ITERATIONS}, the weekly check × ${WEEKLY_ITERATIONS}…\n`,
  );
  const args = {
    p_site: site,
    p_from: new Date(now - 7 * DAY_MS),
    p_to: new Date(now),
    p_min_calls: 20,
    p_min_accounts: 3,
    p_wide_minutes: 15,
    p_narrow_minutes: 5,
  };
  const windowMs: number[] = [];
  for (let i = 0; i < WINDOW_ITERATIONS; i += 1) {
    windowMs.push(
      await timeIt(() => opened.rpc.call({ fn: 'hdc_telemetry_window', args, effect: 'read', deadline: NO_DEADLINE })),
    );
  }
  // alert_evaluation: what the fiveMinute trigger does at this traffic (the week's rollups and the open hour's raw rows).
  process.stderr.write(`[${label}] alert_evaluation: one evaluator run × ${ALERT_ITERATIONS}…\n`);
  const evaluateMs: number[] = [];
  const evaluateTrips: number[] = [];
  for (let i = 0; i < ALERT_ITERATIONS; i += 1) {
    const before = opened.rpc.roundTrips;
    evaluateMs.push(await timeIt(() => services.alerts.evaluate()));
    evaluateTrips.push(opened.rpc.roundTrips - before);
  }
  const weeklyMs: number[] = [];
  for (let i = 0; i < WEEKLY_ITERATIONS; i += 1) {
    weeklyMs.push(await timeIt(() => services.verification.generateReport('bench')));
  }
  const cliMs: number[] = [];
  if (database.url !== undefined) {
    const cli = join(packageRoot(), 'bin', 'hdc-ops.js');
    for (let i = 0; i < CLI_ITERATIONS; i += 1) {
      const started = performance.now();
      const run = spawnSync(process.execPath, [cli, 'weekly-check', '--format', 'json'], {
        env: { ...process.env, DATABASE_URL: database.url, HDC_SITE_ID: site },
        encoding: 'utf8',
      });
      if (run.status !== 0 && run.status !== 1) throw new Error(`weekly-check exited ${run.status}: ${run.stderr}`);
      cliMs.push(performance.now() - started);
    }
  }
  const rawMB = await sizeMB(sql, ['telemetry_event']);
  const rollupMB = await sizeMB(sql, [
    'telemetry_bin',
    'telemetry_latency_hour',
    'telemetry_fold_mark',
    'telemetry_fold_state',
  ]);
  const { raw_retention_days: rawDays, retention_days: rollupDays } = settings.thresholds.sampler;
  return {
    rowsPerWeek: rows,
    generateMs: round(generateMs),
    foldedHours: hours,
    foldMsPerHour: round(foldMs / Math.max(1, hours)),
    steadyFoldMs: round(steadyFoldMs),
    windowP50Ms: round(percentile(windowMs, 50)),
    windowP95Ms: round(percentile(windowMs, 95)),
    weeklyCheckMs: round(percentile(weeklyMs, 50)),
    alertEvaluation: {
      p50Ms: round(percentile(evaluateMs, 50)),
      p95Ms: round(percentile(evaluateMs, 95)),
      roundTrips: Math.max(...evaluateTrips),
    },
    ...(cliMs.length > 0 ? { weeklyCheckCliMs: round(percentile(cliMs, 50)) } : {}),
    storageMB: round(rawMB + rollupMB),
    rawMB,
    rollupMB,
    /** What this traffic keeps at steady state: raw rows for raw_retention_days, rollups for retention_days. */
    retainedMB: round((rawMB * rawDays) / 7 + (rollupMB * rollupDays) / 7),
  };
}
