import { DEMO_CONFLUENCE_ACCOUNTS } from '../dev/local-confluence/demo-confluence-pages';
import { serveLocalConfluence } from '../dev/local-confluence/serve-local-confluence';
import { localConfluenceAccess, openLocalConfluenceSite } from '../dev/start-local-host';
import type { AppSettings } from '../src/app/app-settings';
import { createApp } from '../src/app/create-app';
import { createDatabaseAdmin } from '../src/app/database-admin';
import { localDatabaseOver } from '../src/app/local-database';
import { DEMO_PARENT_PAGE_ID } from '../src/seed/demo-hdc';
import { systemClock } from '../src/shared/clock';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { openPgliteExecutor } from '../src/store/pglite-executor';
import { weeklyReportBody } from '../src/verification/weekly-report-page';
import { percentile } from './percentiles';

const RUNS = 15;
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * weekly_publish: the demo's newest weekly report (eight weeks of seeded history) rendered to storage
 * format and published under the operations page of the local Confluence over HTTP, as the weekly
 * trigger does: one claim, the page written (read the parent and its children, then update), one
 * record. Each run first marks the report unpublished again. At the local Confluence's own speed and
 * with 50 ms added to every request.
 */
export async function benchWeeklyPublish(settings: AppSettings) {
  const sql = await openPgliteExecutor();
  const admin = createDatabaseAdmin(sql);
  await admin.migrate();
  await admin.seedDemo(LOCAL_SITE_ID, { settings, clock: systemClock });
  const database = localDatabaseOver(sql);
  const results: Record<string, unknown> = {};
  for (const latencyMs of [0, 50]) {
    const site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
    const confluence = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS, latencyMs });
    const services = createApp({
      rpc: database.rpc,
      settings,
      confluence: localConfluenceAccess(() => confluence.url),
      log: () => undefined,
    }).servicesFor({ site: LOCAL_SITE_ID });
    const times: number[] = [];
    let requests = 0;
    let trips = 0;
    let bodyBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      await sql.query('update weekly_report set published_at = null, published_page_id = null where site_id = $1', [
        LOCAL_SITE_ID,
      ]);
      confluence.api.resetStats();
      const before = database.rpc.roundTrips;
      const started = performance.now();
      const published = await services.reportPublication.publishPending();
      times.push(performance.now() - started);
      if (published.status !== 'published') throw new Error(`nothing published: ${published.reason}`);
      requests = confluence.api.stats.requests;
      trips = database.rpc.roundTrips - before;
    }
    const report = await services.verification.report(null);
    const renderStarted = performance.now();
    for (let run = 0; run < RUNS; run += 1) bodyBytes = weeklyReportBody(report, ['demo-operator']).length;
    results[`latency${latencyMs}ms`] = {
      runs: RUNS,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      confluenceRequests: requests,
      databaseRoundTrips: trips,
      renderMs: round((performance.now() - renderStarted) / RUNS),
      storageBytes: bodyBytes,
    };
    await confluence.close();
  }
  await sql.close();
  return { ...results, targetMs: 1000 };
}
