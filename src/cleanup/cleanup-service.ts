import type { CleanupPlan, CleanupProgress, CleanupScan, PlanItem } from '../contract/cleanup';
import type { ConfluenceAccess, ConfluencePort } from '../confluence/confluence-port';
import { CONFLUENCE_PAGE_LIMIT } from '../confluence/confluence-port';
import { AppError } from '../shared/app-error';
import { chooseParentPage } from '../shared/parent-page';
import type { Clock } from '../shared/clock';
import type { Deadline } from '../shared/deadline';
import type { Viewer } from '../shared/viewer';
import type { CleanupStore, ScanTrigger } from './cleanup-port';
import { pagesById } from './pages-by-id';
import { createPlanRunner } from './plan-runner';

/** Descendants requests between two saves of a scan: the work an interruption can lose (15 × 250 pages). */
const REQUESTS_PER_SAVE = 15;
/** A call stops starting Confluence requests when less than this is left (a request with retries, then the save). */
const RESERVE_MS = 9_000;

export interface CleanupService {
  /** One step of a scan (new, or resumed by id); call again while `done` is false. */
  scan(
    viewer: Viewer,
    input: { scanId?: number | undefined; parentPageId?: string | undefined },
  ): Promise<CleanupProgress<CleanupScan>>;
  latestScan(viewer: Viewer): Promise<CleanupScan | null>;
  /** One step of the weekly scheduled scan, as the app (its background job calls it until `done`). */
  scheduledScanStep(input: {
    scanId?: number | undefined;
    parentPageId?: string | undefined;
  }): Promise<CleanupProgress<CleanupScan>>;
  plan(viewer: Viewer, input: { scanId: number; items: PlanItem[] }): Promise<CleanupPlan>;
  /** Batches of a confirmed plan while the call has time, as the user; call again while `done` is false. */
  execute(viewer: Viewer, input: { planId: string; hash: string }): Promise<CleanupProgress<CleanupPlan>>;
  /** Batches of putting back what an execution did while the call has time; call again while `done` is false. */
  restore(viewer: Viewer, input: { planId: string }): Promise<CleanupProgress<CleanupPlan>>;
  plans(viewer: Viewer, input: { planId?: string | undefined; limit?: number | undefined }): Promise<CleanupPlan[]>;
}

export interface CleanupDeps {
  store: CleanupStore;
  confluence: ConfluenceAccess | undefined;
  /** HDC_PARENT_PAGE_ID: the scan's default parent page. */
  parentPageId: string | undefined;
  deadline: Deadline;
  clock: Clock;
}

function unreachable(): never {
  throw new AppError('unavailable', 'HDC Ops cannot reach Confluence here', {
    guidance:
      'From the CLI, set CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (an API token of an account that may delete pages).',
    retryable: false,
  });
}

export function createCleanupService(deps: CleanupDeps): CleanupService {
  const { store, deadline } = deps;
  const confluence = () => deps.confluence ?? unreachable();
  const timeLeft = () => deadline.remainingMs() > RESERVE_MS;
  const runPlan = createPlanRunner({
    store,
    confluence: (viewer) => confluence().asUser(viewer.accountId),
    timeLeft,
    clock: deps.clock,
  });

  async function scanStep(
    port: ConfluencePort,
    actor: string | null,
    trigger: ScanTrigger,
    input: { scanId?: number | undefined; parentPageId?: string | undefined },
  ): Promise<CleanupProgress<CleanupScan>> {
    const position = await store.startScan({
      actor,
      trigger,
      scanId: input.scanId ?? null,
      parentPageId: chooseParentPage({ requested: input.parentPageId, configured: deps.parentPageId }) ?? null,
    });
    if (position.status === 'complete') return { done: true, progress: 1, result: position };
    let cursor = position.cursor;
    let listingDone = false;
    // A resumed scan whose listing had finished has no cursor and pages seen: go straight to the lookups.
    if (cursor === null && position.pagesSeen > 0) listingDone = true;
    let missing: string[] | null = null;
    while (!listingDone) {
      const pages = [];
      let requests = 0;
      do {
        const page = await port.listDescendants(position.parentPageId, cursor);
        requests += 1;
        pages.push(...page.pages);
        cursor = page.nextCursor;
        listingDone = cursor === null;
      } while (!listingDone && requests < REQUESTS_PER_SAVE && timeLeft());
      const { missingPageIds, ...saved } = await store.saveScanChunk({
        actor,
        scanId: position.scanId,
        pages,
        cursor,
        requests,
        listingDone,
      });
      missing = missingPageIds;
      if (!listingDone && !timeLeft()) return { done: false, progress: null, result: saved };
    }
    if (missing === null)
      missing =
        (
          await store.saveScanChunk({
            actor,
            scanId: position.scanId,
            pages: [],
            cursor: null,
            requests: 0,
            listingDone: true,
          })
        ).missingPageIds ?? [];
    const lookups = [...(await pagesById(port, missing)).values()];
    const operations = await port.permittedOperations(position.parentPageId);
    const requests = Math.ceil(missing.length / CONFLUENCE_PAGE_LIMIT) + 1;
    const scan = await store.finishScan({
      actor,
      scanId: position.scanId,
      lookups,
      requests,
      canDelete: operations.includes('delete'),
    });
    return { done: true, progress: 1, result: scan };
  }

  return {
    scan: (viewer, input) => scanStep(confluence().asUser(viewer.accountId), viewer.accountId, 'user', input),
    latestScan: (viewer) => store.getScan(viewer.accountId, null),
    scheduledScanStep: (input) => scanStep(confluence().asApp(), null, 'scheduled', input),
    async plan(viewer, input) {
      // Operators only, before anything is asked of Confluence.
      const scan = await store.getScan(viewer.accountId, input.scanId);
      if (scan === null || scan.status !== 'complete') {
        throw new AppError('not_found', 'No complete scan to plan from', {
          guidance: 'Scan first, then choose items from its findings.',
          retryable: false,
        });
      }
      const ids = input.items.flatMap((item) =>
        item.action === 'trash' ? [item.pageId] : item.action === 'relink' ? [item.toPageId] : [],
      );
      const found = await pagesById(confluence().asUser(viewer.accountId), ids);
      const pages = Object.fromEntries(
        [...found.values()].map((page) => [page.id, { version: page.version, status: page.status, title: page.title }]),
      );
      return store.createPlan({ actor: viewer.accountId, scanId: input.scanId, items: input.items, pages });
    },
    execute: (viewer, input) => runPlan(viewer, { planId: input.planId, mode: 'execute', hash: input.hash }),
    restore: (viewer, input) => runPlan(viewer, { planId: input.planId, mode: 'restore', hash: null }),
    plans: (viewer, input) => store.plans(viewer.accountId, input.planId ?? null, input.limit ?? 20),
  };
}
