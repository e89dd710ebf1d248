import { randomUUID } from 'node:crypto';
import type { CleanupPlan, CleanupProgress, CleanupScan, PlanItem } from '../contract/cleanup';
import type { ConfluenceAccess, ConfluencePort, PageDetail } from '../confluence/confluence-port';
import { CONFLUENCE_PAGE_LIMIT } from '../confluence/confluence-port';
import { AppError, isAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Deadline } from '../shared/deadline';
import type { Viewer } from '../shared/viewer';
import type { BatchItem, CleanupMode, CleanupStore, ItemOutcome, ScanTrigger } from '../store/cleanup-store';
import { decideRelink, decideRestore, decideTrash, inChunks, refusedByConfluence } from './cleanup-rules';

/** Items per execute / restore call: one Confluence request each, answered well inside the resolver deadline. */
export const CLEANUP_BATCH_SIZE = 25;
/** Descendants requests between two saves of a scan: the work an interruption can lose (15 × 250 pages). */
const REQUESTS_PER_SAVE = 15;
/** A call stops starting Confluence requests when less than this is left (a request with retries, then the save). */
const RESERVE_MS = 9_000;
/** How long an execute or restore batch holds its plan: far longer than a batch may take (it stops RESERVE_MS before). */
export const RUN_LEASE_SECONDS = 120;

/** A refusal of one item by Confluence (not an outage): the item is recorded, the batch goes on. */
function itemRefusal(error: unknown): AppError | null {
  if (!isAppError(error)) return null;
  return error.code === 'forbidden' || error.code === 'conflict' || error.code === 'internal' ? error : null;
}

/** The database failed after Confluence acted: say what was done, and that resuming is safe. */
function unrecorded(error: unknown, outcomes: readonly ItemOutcome[], mode: CleanupMode): unknown {
  const acted = outcomes.filter((outcome) => outcome.state === 'done' || outcome.state === 'restored').length;
  if (acted === 0 || !isAppError(error)) return error;
  const verb = mode === 'execute' ? 'moved to the trash' : 'restored';
  return new AppError(error.code, `${acted} ${acted === 1 ? 'page was' : 'pages were'} ${verb} in Confluence before the database stopped answering, so the plan may not show it yet`, {
    guidance: `Run ${mode} again when the database answers: resuming is safe — each page is checked in Confluence first and nothing is done twice.`,
    retryable: true,
    details: { outcome: 'partly_applied', acted },
    cause: error,
  });
}

export interface CleanupService {
  /** One step of a scan (new, or resumed by id); call again while `done` is false. */
  scan(viewer: Viewer, input: { scanId?: number | undefined; parentPageId?: string | undefined }): Promise<CleanupProgress<CleanupScan>>;
  latestScan(viewer: Viewer): Promise<CleanupScan | null>;
  /** One step of the weekly scheduled scan, as the app (its background job calls it until `done`). */
  scheduledScanStep(input: { scanId?: number | undefined; parentPageId?: string | undefined }): Promise<CleanupProgress<CleanupScan>>;
  plan(viewer: Viewer, input: { scanId: number; items: PlanItem[] }): Promise<CleanupPlan>;
  /** One batch of a confirmed plan, as the user; call again while `done` is false. */
  execute(viewer: Viewer, input: { planId: string; hash: string }): Promise<CleanupProgress<CleanupPlan>>;
  /** One batch of putting back what an execution did; call again while `done` is false. */
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
    guidance: 'From the CLI, set CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN (an API token of an account that may delete pages).',
    retryable: false,
  });
}

async function pagesById(port: ConfluencePort, ids: Iterable<string>): Promise<Map<string, PageDetail>> {
  const found = new Map<string, PageDetail>();
  for (const chunk of inChunks([...new Set(ids)], CONFLUENCE_PAGE_LIMIT)) {
    for (const page of await port.getPages(chunk)) found.set(page.id, page);
  }
  return found;
}

const planProgress = (plan: CleanupPlan, from: CleanupMode): number | null => {
  const counts = plan.counts ?? {};
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const waiting = from === 'execute' ? counts.pending ?? 0 : counts.done ?? 0;
  return (total - waiting) / total;
};

export function createCleanupService(deps: CleanupDeps): CleanupService {
  const { store, deadline } = deps;
  const confluence = () => deps.confluence ?? unreachable();
  const timeLeft = () => deadline.remainingMs() > RESERVE_MS;

  async function scanStep(port: ConfluencePort, actor: string | null, trigger: ScanTrigger, input: { scanId?: number | undefined; parentPageId?: string | undefined }): Promise<CleanupProgress<CleanupScan>> {
    const position = await store.startScan({ actor, trigger, scanId: input.scanId ?? null, parentPageId: input.parentPageId ?? deps.parentPageId ?? null });
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
      const { missingPageIds, ...saved } = await store.saveScanChunk({ actor, scanId: position.scanId, pages, cursor, requests, listingDone });
      missing = missingPageIds;
      if (!listingDone && !timeLeft()) return { done: false, progress: null, result: saved };
    }
    if (missing === null) missing = (await store.saveScanChunk({ actor, scanId: position.scanId, pages: [], cursor: null, requests: 0, listingDone: true })).missingPageIds ?? [];
    const lookups = [...(await pagesById(port, missing)).values()];
    const operations = await port.permittedOperations(position.parentPageId);
    const requests = Math.ceil(missing.length / CONFLUENCE_PAGE_LIMIT) + 1;
    const scan = await store.finishScan({ actor, scanId: position.scanId, lookups, requests, canDelete: operations.includes('delete') });
    return { done: true, progress: 1, result: scan };
  }

  async function runBatch(viewer: Viewer, planId: string, mode: CleanupMode, hash: string | null): Promise<CleanupProgress<CleanupPlan>> {
    const runToken = randomUUID();
    const batch = await store.nextBatch({ actor: viewer.accountId, planId, mode, hash, limit: CLEANUP_BATCH_SIZE, runToken, leaseSeconds: RUN_LEASE_SECONDS });
    const record = (outcomes: ItemOutcome[]) => store.recordOutcomes({ actor: viewer.accountId, planId, mode, outcomes, runToken });
    if (batch.items.length === 0) return { done: true, progress: 1, result: await record([]) };
    // Stop starting items well before the lease ends, so no second executor can meet this one.
    const leaseEndsAt = deps.clock.monotonicMs() + (batch.leaseSeconds * 1000) - RESERVE_MS;
    const mayStart = () => timeLeft() && deps.clock.monotonicMs() < leaseEndsAt;
    const outcomes: ItemOutcome[] = [];
    let interruption: AppError | undefined;
    try {
      const port = confluence().asUser(viewer.accountId);
      const pages = await pagesById(port, batch.items.flatMap((item) => [item.pageId, item.toPageId].filter((id): id is string => id !== null)));
      for (const item of batch.items) {
        if (!mayStart()) break;
        try {
          outcomes.push(mode === 'execute' ? await executeItem(port, item, pages) : await restoreItem(port, item, pages));
        } catch (error) {
          const refusal = itemRefusal(error);
          if (refusal === null) throw error;
          outcomes.push(refusal.code === 'conflict'
            ? { position: item.position, state: mode === 'execute' ? 'skipped' : 'restore_skipped', reason: refusal.message }
            : refusedByConfluence(item, mode, `${refusal.message}. ${refusal.guidance ?? ''}`.trim()));
        }
      }
    } catch (error) {
      // Rate limits and outages leave the rest pending: the next call resumes with it.
      interruption = isAppError(error) ? error : new AppError('transient', 'Confluence did not answer', { cause: error });
    }
    let plan: CleanupPlan;
    try {
      plan = await record(outcomes);
    } catch (error) {
      throw unrecorded(error, outcomes, mode);
    }
    if (interruption !== undefined && outcomes.length === 0) throw interruption;
    const finished = plan.status === (mode === 'execute' ? 'executed' : 'restored') || (mode === 'restore' && plan.status === 'partly_restored');
    return { done: finished, progress: planProgress(plan, mode), result: plan };
  }

  async function executeItem(port: ConfluencePort, item: BatchItem, pages: Map<string, PageDetail>): Promise<ItemOutcome> {
    if (item.action !== 'trash') return decideRelink(item, item.toPageId === null ? undefined : pages.get(item.toPageId));
    const page = item.pageId === null ? undefined : pages.get(item.pageId);
    // Its children now, asked of Confluence: a child added since the scan keeps the page.
    const childrenNow = page === undefined || page.status === 'trashed' ? [] : await port.listChildren(page.id);
    const decision = decideTrash(item, page, childrenNow);
    if (!decision.act) return decision.outcome;
    await port.trashPage(decision.page.id);
    const { status, version, title, parentId } = decision.page;
    return { position: item.position, state: 'done', reason: null, before: { status, version, title, parentId }, after: { status: 'trashed' } };
  }

  async function restoreItem(port: ConfluencePort, item: BatchItem, pages: Map<string, PageDetail>): Promise<ItemOutcome> {
    if (item.action !== 'trash') return { position: item.position, state: 'apply', reason: null };
    const decision = decideRestore(item, item.pageId === null ? undefined : pages.get(item.pageId));
    if (!decision.act) return decision.outcome;
    // Parents come back first (the batch's order), so each page goes back under the parent it had.
    await port.restorePage({ id: decision.page.id, title: decision.page.title, version: decision.page.version, parentId: item.parentId });
    return { position: item.position, state: 'restored', reason: null };
  }

  return {
    scan: (viewer, input) => scanStep(confluence().asUser(viewer.accountId), viewer.accountId, 'user', input),
    latestScan: (viewer) => store.getScan(viewer.accountId, null),
    scheduledScanStep: (input) => scanStep(confluence().asApp(), null, 'scheduled', input),
    async plan(viewer, input) {
      // Operators only, before anything is asked of Confluence.
      const scan = await store.getScan(viewer.accountId, input.scanId);
      if (scan === null || scan.status !== 'complete') {
        throw new AppError('not_found', 'No complete scan to plan from', { guidance: 'Scan first, then choose items from its findings.', retryable: false });
      }
      const ids = input.items.flatMap((item) => (item.action === 'trash' ? [item.pageId] : item.action === 'relink' ? [item.toPageId] : []));
      const found = await pagesById(confluence().asUser(viewer.accountId), ids);
      const pages = Object.fromEntries([...found.values()].map((page) => [page.id, { version: page.version, status: page.status, title: page.title }]));
      return store.createPlan({ actor: viewer.accountId, scanId: input.scanId, items: input.items, pages });
    },
    execute: (viewer, input) => runBatch(viewer, input.planId, 'execute', input.hash),
    restore: (viewer, input) => runBatch(viewer, input.planId, 'restore', null),
    plans: (viewer, input) => store.plans(viewer.accountId, input.planId ?? null, input.limit ?? 20),
  };
}
