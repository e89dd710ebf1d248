import type { CleanupScan } from '../src/contract/cleanup';
import { driveSteps } from '../src/cleanup/chunked-steps';
import { DEMO_CONFLUENCE_ACCOUNTS, DEMO_DELETERS } from '../dev/local-confluence/demo-confluence-pages';
import type { LocalPage } from '../dev/local-confluence/local-confluence-site';
import { LocalConfluenceSite } from '../dev/local-confluence/local-confluence-site';
import { serveLocalConfluence } from '../dev/local-confluence/serve-local-confluence';
import { localConfluenceAccess } from '../dev/start-local-host';
import { createApp } from '../src/app/create-app';
import { localDatabaseOver } from '../src/app/local-database';
import { DEMO_ACCOUNTS } from '../src/seed/demo-hdc';
import { NO_DEADLINE } from '../src/shared/deadline';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { runMigrations } from '../src/store/migration-runner';
import { openPgliteExecutor } from '../src/store/pglite-executor';
import type { RpcClient } from '../src/store/rpc-client';
import { DEFAULT_THRESHOLDS } from '../src/verification/default-thresholds';
import { CLEANUP_BATCH_SIZE } from '../src/cleanup/plan-runner';
import { percentile } from './percentiles';

const PARENT = '7000000';
const PAGES = 10_000;
const EVENTS = 10_000;
/** Event pages Confluence no longer has (purged), and event pages in the trash. */
const PURGED = 500;
const TRASHED = 100;
const RUNS = 5;
const EXECUTE_ITEMS = 500;
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * orphan_scan: a scan of 10,000 pages under the parent and 10,000 events on the local Confluence
 * over HTTP, some of whose pages are gone; then an execution of 500 trash items. Counts the
 * Confluence requests and the database round trips, at the local Confluence's own speed and with
 * 50 ms added per request.
 */
export async function benchOrphanScan() {
  const sql = await openPgliteExecutor();
  await runMigrations(sql);
  const database = localDatabaseOver(sql);
  const rpc: RpcClient = database.rpc;
  let base = 0;
  const roundTrips = () => rpc.roundTrips - base;
  await sql.query(`insert into hdc_operator (site_id, account_id, added_by) values ($1, $2, 'bench')`, [
    LOCAL_SITE_ID,
    DEMO_ACCOUNTS.operator,
  ]);
  // Events 0..9,999 reference pages 0..9,999; the tree has those pages (less the purged and the
  // trashed) plus orphans up to 10,000 descendants.
  await sql.query(
    `insert into event (site_id, name, lifecycle, confluence_page_id, confluence_parent_page_id)
     select $1, 'Bench event ' || n, 'draft', (8000000 + n)::text, $2 from generate_series(0, $3 - 1) n`,
    [LOCAL_SITE_ID, PARENT, EVENTS],
  );
  const now = new Date().toISOString();
  const page = (id: number, status: LocalPage['status'], title: string): LocalPage => ({
    id: String(id),
    title,
    status,
    parentId: PARENT,
    position: id,
    authorId: 'bench',
    createdAt: now,
    version: 1,
    lastModified: now,
  });
  const referenced = EVENTS - PURGED;
  const pages: LocalPage[] = [
    { ...page(Number(PARENT), 'current', 'Bench HDC'), parentId: null },
    ...Array.from({ length: referenced }, (_, i) =>
      page(8_000_000 + PURGED + i, i < TRASHED ? 'trashed' : 'current', `Bench event ${PURGED + i}`),
    ),
  ];
  const listed = referenced - TRASHED;
  for (let i = 0; listed + i < PAGES; i += 1) pages.push(page(9_000_000 + i, 'current', `Orphan ${i}`));
  const site = new LocalConfluenceSite(pages, { deleters: DEMO_DELETERS });
  const confluence = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS });
  const app = createApp({
    rpc,
    settings: {
      thresholds: DEFAULT_THRESHOLDS,
      canonicalEventQuery: 'HDC Auto',
      environment: 'bench',
      parentPageId: PARENT,
    },
    log: () => undefined,
    confluence: localConfluenceAccess(() => confluence.url),
  });
  const services = app.servicesFor({ site: LOCAL_SITE_ID, deadline: NO_DEADLINE });
  const operator = { accountId: DEMO_ACCOUNTS.operator };

  async function scanOnce() {
    confluence.api.resetStats();
    base = rpc.roundTrips;
    const started = performance.now();
    const { last: step } = await driveSteps<CleanupScan>((previous) =>
      services.cleanup.scan(operator, previous === null ? {} : { scanId: previous.result.scanId }),
    );
    return {
      ms: performance.now() - started,
      requests: confluence.api.stats.requests,
      databaseRoundTrips: roundTrips(),
      scan: step.result,
    };
  }
  async function scans(latencyMs: number) {
    confluence.api.settings.latencyMs = latencyMs;
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await scanOnce());
    return runs;
  }

  try {
    const fast = await scans(0);
    const slow = await scans(50);
    confluence.api.settings.latencyMs = 0;
    const first = fast[0];
    const scan = first?.scan;
    if (first === undefined || scan?.counts === undefined || scan.findings === undefined)
      throw new Error('The bench scan did not complete');
    const counts = scan.counts;
    const orphans = scan.findings.orphanPages
      .slice(0, EXECUTE_ITEMS)
      .map((orphan) => ({ action: 'trash' as const, pageId: orphan.pageId }));
    const plan = await services.cleanup.plan(operator, { scanId: scan.scanId, items: orphans });
    confluence.api.resetStats();
    base = rpc.roundTrips;
    const started = performance.now();
    const { calls } = await driveSteps(() =>
      services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }),
    );
    const batches = Math.ceil(orphans.length / CLEANUP_BATCH_SIZE);
    const executeRoundTrips = roundTrips();
    const executeMs = performance.now() - started;
    const ms = fast.map((run) => run.ms);
    const slowMs = slow.map((run) => run.ms);
    const target = Math.ceil(counts.pages / 250) + Math.ceil(counts.missing / 250) + 1;
    return {
      pages: counts.pages,
      events: counts.events,
      missing: counts.missing,
      findings: {
        orphanPages: counts.orphanPages,
        danglingEvents: counts.danglingEvents,
        duplicateReferences: counts.duplicateReferences,
      },
      requests: first.requests,
      requestTarget: target,
      databaseRoundTrips: first.databaseRoundTrips,
      p50Ms: round(percentile(ms, 50)),
      p95Ms: round(percentile(ms, 95)),
      p50MsAt50msLatency: round(percentile(slowMs, 50)),
      p95MsAt50msLatency: round(percentile(slowMs, 95)),
      runs: RUNS,
      cleanupExecute: {
        items: orphans.length,
        ms: round(executeMs),
        confluenceRequests: confluence.api.stats.requests,
        byRoute: confluence.api.stats.byRoute,
        calls,
        batches,
        databaseRoundTrips: executeRoundTrips,
        databaseRoundTripsPerBatch: round(executeRoundTrips / batches),
      },
      note: "One database round trip reads the events (with the listing's last save); the other round trips start, save (one per 15 descendant requests) and finish the scan. Execution: per trash item one DELETE and one request for its children now; pages re-read 250 ids per request per batch; one database round trip per batch (the previous batch's outcomes recorded and the next items taken under the run lease), and one to record the last batch.",
    };
  } finally {
    await confluence.close();
    await sql.close();
  }
}
