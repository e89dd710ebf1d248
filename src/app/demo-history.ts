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

/** The Mondays 06:00 UTC of the last `weeks` weeks up to `now` (the current week's when it has passed), oldest first. */
export function weeklyRunTimes(now: Date, weeks: number): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS + WEEKLY_RUN_HOUR * 3_600_000;
  const times: Date[] = [];
  for (let k = weeks; k >= 0; k -= 1) {
    const at = monday - k * 7 * DAY_MS;
    if (at <= now.getTime()) times.push(new Date(at));
  }
  return times;
}

const fixedClock = (at: Date): Clock => ({ now: () => new Date(at), monotonicMs: () => performance.now() });

/**
 * The demo's history: eight weeks of telemetry and sampler runs, then the weekly reports the
 * Monday trigger would have written, each by the real report builder at its own time, so the
 * first report a person generates has a last week to compare with and the trend charts a past.
 */
export async function seedDemoHistory(sql: SqlExecutor, settings: AppSettings, site: SiteId, now: Date = new Date()): Promise<{ telemetryRows: number; samplerRuns: number; reports: number }> {
  const inserted = await sql.transaction((tx) => insertDemoTelemetryHistory(tx, site, settings.parentPageId ?? DEMO_PARENT_PAGE_ID, now));
  const rpc = createSqlRpcClient(sql);
  let reports = 0;
  for (const at of weeklyRunTimes(now, DEMO_HISTORY_WEEKS - 1)) {
    const services = createApp({ rpc, settings, clock: fixedClock(at), log: () => undefined }).servicesFor({ site });
    // What the Monday trigger does: generate, store, and record the run.
    const run = await services.verification.runScheduledReport();
    if (run.status === 'ok') reports += 1;
  }
  return { telemetryRows: inserted.rows, samplerRuns: inserted.runs, reports };
}
