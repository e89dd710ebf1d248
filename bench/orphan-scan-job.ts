import { DEMO_CONFLUENCE_ACCOUNTS, DEMO_DELETERS } from '../dev/local-confluence/demo-confluence-pages';
import type { LocalPage } from '../dev/local-confluence/local-confluence-site';
import { LocalConfluenceSite } from '../dev/local-confluence/local-confluence-site';
import { serveLocalConfluence } from '../dev/local-confluence/serve-local-confluence';
import { createLocalJobQueue } from '../dev/local-job-queue';
import { localConfluenceAccess } from '../dev/start-local-host';
import { createApp } from '../src/app/create-app';
import { localDatabaseOver } from '../src/app/local-database';
import { buildCleanupJobConsumer } from '../src/forge/cleanup-job-consumer';
import { DEMO_ACCOUNTS } from '../src/seed/demo-hdc';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { runMigrations } from '../src/store/migration-runner';
import { openPgliteExecutor } from '../src/store/pglite-executor';
import { DEFAULT_THRESHOLDS } from '../src/verification/default-thresholds';

const PARENT = '7100000';
const PAGES = Number(process.env.HDC_BENCH_PAGES ?? 100_000);
const EVENTS = 2_000;
/** Event pages Confluence no longer has: looked up by id after the listing. */
const MISSING = 300;
const LATENCY_MS = 50;

/**
 * orphan_scan.backgroundJob: a scan of 100,000 pages run as the background job (through the same
 * consumer Forge calls, on the emulated queue), with 50 ms added to every Confluence request. Counts
 * the Confluence requests against ceil(pages/250) + ceil(missing/250) + 1, the database round trips
 * against one per ten Confluence requests, and the job's steps and wall time.
 */
export async function benchOrphanScanJob() {
  const sql = await openPgliteExecutor();
  await runMigrations(sql);
  const database = localDatabaseOver(sql);
  // HDC_BENCH_TRACE=1: the time of each database function, to find where a large scan spends it.
  const traced = new Map<string, { calls: number; ms: number }>();
  if (process.env.HDC_BENCH_TRACE === '1') {
    const call = database.rpc.call.bind(database.rpc);
    database.rpc.call = async (request) => {
      const started = performance.now();
      try {
        return await call(request);
      } finally {
        const entry = traced.get(request.fn) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += performance.now() - started;
        traced.set(request.fn, entry);
      }
    };
  }
  await sql.query(`insert into hdc_operator (site_id, account_id, added_by) values ($1, $2, 'bench')`, [
    LOCAL_SITE_ID,
    DEMO_ACCOUNTS.operator,
  ]);
  await sql.query(
    `insert into event (site_id, name, lifecycle, confluence_page_id, confluence_parent_page_id)
     select $1, 'Bench event ' || n, 'draft', (8100000 + n)::text, $2 from generate_series(0, $3 - 1) n`,
    [LOCAL_SITE_ID, PARENT, EVENTS],
  );
  const now = new Date().toISOString();
  const page = (id: number, title: string, parentId: string): LocalPage => ({
    id: String(id),
    title,
    status: 'current',
    parentId,
    position: id,
    authorId: 'bench',
    createdAt: now,
    version: 1,
    lastModified: now,
  });
  const pages: LocalPage[] = [{ ...page(Number(PARENT), 'Bench HDC', PARENT), parentId: null }];
  for (let i = MISSING; i < EVENTS; i += 1) pages.push(page(8_100_000 + i, `Bench event ${i}`, PARENT));
  // Orphans two levels deep: a hundred sections of a thousand pages each, to the count.
  for (let i = 0; pages.length < PAGES; i += 1)
    pages.push(page(9_100_000 + i, `Orphan ${i}`, i < 100 ? PARENT : String(9_100_000 + (i % 100))));
  const site = new LocalConfluenceSite(pages, { deleters: DEMO_DELETERS });
  const confluence = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS, latencyMs: LATENCY_MS });
  const queue = createLocalJobQueue({ site: LOCAL_SITE_ID, autoRun: false });
  const app = createApp({
    rpc: database.rpc,
    settings: {
      thresholds: DEFAULT_THRESHOLDS,
      canonicalEventQuery: 'HDC Auto',
      environment: 'bench',
      parentPageId: PARENT,
    },
    log: () => undefined,
    confluence: localConfluenceAccess(() => confluence.url),
    jobQueue: queue,
  });
  queue.connect(buildCleanupJobConsumer({ app: () => Promise.resolve(app), log: () => undefined }));
  const services = app.servicesFor({ site: LOCAL_SITE_ID });
  const operator = { accountId: DEMO_ACCOUNTS.operator };
  try {
    confluence.api.resetStats();
    const base = database.rpc.roundTrips;
    const started = performance.now();
    const job = await services.cleanupJobs.start(operator, { kind: 'scan' });
    const steps = await queue.drain();
    const ms = performance.now() - started;
    const databaseRoundTrips = database.rpc.roundTrips - base;
    const [done] = await services.cleanupJobs.status(operator, { jobId: job.jobId });
    const scan = await services.cleanup.latestScan(operator);
    if (done?.status !== 'done' || scan?.counts === undefined)
      throw new Error(
        `The bench job did not complete: ${JSON.stringify(done)} ${JSON.stringify(Object.fromEntries(traced))}`,
      );
    const requests = confluence.api.stats.requests;
    const target = Math.ceil(scan.counts.pages / 250) + Math.ceil(scan.counts.missing / 250) + 1;
    return {
      pages: scan.counts.pages,
      missing: scan.counts.missing,
      orphanPages: scan.counts.orphanPages,
      latencyMsPerRequest: LATENCY_MS,
      jobSteps: steps,
      requests,
      requestTarget: target,
      requestsWithinTarget: requests <= target,
      databaseRoundTrips,
      databaseRoundTripBudget: Math.ceil(requests / 10),
      wallMs: Math.round(ms),
      wallTargetMs: 60_000,
      requestLatencyAloneMs: requests * LATENCY_MS,
      ...(traced.size > 0
        ? {
            databaseMsByFunction: Object.fromEntries(
              [...traced].map(([fn, t]) => [fn, { calls: t.calls, ms: Math.round(t.ms) }]),
            ),
          }
        : {}),
      note: "The job runs through the real consumer on the emulated queue (one event per step of up to 120 s). Database round trips include the job's own (start, and begin and end of each step) and the scan's (start, a save per fifteen descendant requests, finish).",
    };
  } finally {
    await confluence.close();
    await sql.close();
  }
}
