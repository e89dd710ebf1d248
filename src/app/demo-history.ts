import { DEMO_PARENT_PAGE_ID } from '../seed/demo-hdc';
import { DEMO_HISTORY_WEEKS, insertDemoTelemetryHistory } from '../seed/demo-telemetry-history';
import type { Clock } from '../shared/clock';
import type { SiteId } from '../shared/site';
import type { SqlExecutor } from '../store/sql-executor';
import { createSqlRpcClient } from '../store/sql-rpc-client';
import type { AppSettings } from './app-settings';
import { createApp } from './create-app';

const DAY_MS = 86_400_000;
/** The weekly report trigger's time: Monday 06:00 UTC. */
const WEEKLY_RUN_HOUR = 6;

const WEEK_MS = 7 * DAY_MS;

/**
 * The last `count` Mondays 06:00 UTC at or before `now`, oldest first: always `count` of them, so
 * the demo shows the same history on a Monday at 00:30 as on a Friday (this week's run counts
 * only once it has happened).
 */
export function weeklyRunTimes(now: Date, count: number): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let latest = today - ((now.getUTCDay() + 6) % 7) * DAY_MS + WEEKLY_RUN_HOUR * 3_600_000;
  if (latest > now.getTime()) latest -= WEEK_MS;
  return Array.from({ length: count }, (_, k) => new Date(latest - (count - 1 - k) * WEEK_MS));
}

const fixedClock = (at: Date): Clock => ({ now: () => new Date(at), monotonicMs: () => performance.now() });

/**
 * The demo's history up to the clock's now: the weekly reports the Monday trigger would have written
 * in the last eight weeks, each by the real report builder at its own time, and the telemetry and
 * sampler runs of every hour they read and since, so the first report a person generates has a last
 * week to compare with and the trend charts a past.
 */
export async function seedDemoHistory(
  sql: SqlExecutor,
  settings: AppSettings,
  site: SiteId,
  clock: Clock,
): Promise<{ telemetryRows: number; samplerRuns: number; reports: number }> {
  const now = clock.now();
  const runs = weeklyRunTimes(now, DEMO_HISTORY_WEEKS);
  const since = new Date((runs[0] ?? now).getTime() - WEEK_MS);
  const inserted = await sql.transaction(async (tx) => {
    // The release before this one, four weeks ago: a marker on the trend charts (a real migrate records its own).
    await tx.query(
      `insert into hdc_release (version, schema_version, source, recorded_at) values ('0.1.0', 6, 'migrate', $1)
       on conflict (version, source) do nothing`,
      [new Date(now.getTime() - 4 * WEEK_MS - DAY_MS).toISOString()],
    );
    return insertDemoTelemetryHistory(tx, site, settings.parentPageId ?? DEMO_PARENT_PAGE_ID, { since, now });
  });
  const rpc = createSqlRpcClient(sql);
  let reports = 0;
  for (const at of runs) {
    const services = createApp({ rpc, settings, clock: fixedClock(at), log: () => undefined }).servicesFor({ site });
    // What the Monday trigger does: generate, store, and record the run.
    const run = await services.verification.runScheduledReport();
    if (run.status === 'ok') reports += 1;
  }
  return { telemetryRows: inserted.rows, samplerRuns: inserted.runs, reports };
}
