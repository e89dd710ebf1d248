import { randomUUID } from 'node:crypto';
import type { CleanupPlan, CleanupProgress } from '../contract/cleanup';
import type { ConfluencePort, PageDetail } from '../confluence/confluence-port';
import { AppError, isAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Viewer } from '../shared/viewer';
import type { BatchItem, CleanupMode, CleanupStore, ItemOutcome } from './cleanup-port';
import { decideRelink, decideRestore, decideTrash, refusedByConfluence } from './cleanup-rules';
import { pagesById } from './pages-by-id';

/** Items per batch: one Confluence request each (two for a page to trash), recorded together. */
export const CLEANUP_BATCH_SIZE = 25;
/** How long a batch holds its plan: far longer than a batch may take (it stops LEASE_RESERVE_MS before). */
const RUN_LEASE_SECONDS = 120;
const LEASE_RESERVE_MS = 9_000;

export interface PlanRunnerDeps {
  store: CleanupStore;
  confluence: (viewer: Viewer) => ConfluencePort;
  /** Whether the invocation has time for another Confluence request and the record after it. */
  timeLeft: () => boolean;
  clock: Clock;
}

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
  return new AppError(
    error.code,
    `${acted} ${acted === 1 ? 'page was' : 'pages were'} ${verb} in Confluence before the database stopped answering, so the plan may not show it yet`,
    {
      guidance: `Run ${mode} again when the database answers: resuming is safe — each page is checked in Confluence first and nothing is done twice.`,
      retryable: true,
      details: { outcome: 'partly_applied', acted },
      cause: error,
    },
  );
}

const planProgress = (plan: CleanupPlan, mode: CleanupMode): number | null => {
  const counts = plan.counts ?? {};
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const waiting = mode === 'execute' ? (counts.pending ?? 0) : (counts.done ?? 0);
  return (total - waiting) / total;
};

const isFinished = (plan: CleanupPlan, mode: CleanupMode) =>
  mode === 'execute' ? plan.status === 'executed' : plan.status === 'restored' || plan.status === 'partly_restored';

/**
 * Carries out a plan (execute) or puts back what it did (restore), batch after batch while the
 * invocation has time, as the user. Each batch is ONE database round trip: it records the previous
 * batch's outcomes and takes the next items under the plan's run lease; the last batch's outcomes
 * are recorded when the call ends. Every item is decided against Confluence as it is now.
 */
export function createPlanRunner(deps: PlanRunnerDeps) {
  const { store, clock } = deps;

  async function act(
    port: ConfluencePort,
    items: BatchItem[],
    mode: CleanupMode,
    mayStart: () => boolean,
  ): Promise<{ outcomes: ItemOutcome[]; interruption?: AppError }> {
    const outcomes: ItemOutcome[] = [];
    try {
      const pages = await pagesById(
        port,
        items.flatMap((item) => [item.pageId, item.toPageId].filter((id): id is string => id !== null)),
      );
      for (const item of items) {
        if (!mayStart()) break;
        try {
          outcomes.push(
            mode === 'execute' ? await executeItem(port, item, pages) : await restoreItem(port, item, pages),
          );
        } catch (error) {
          const refusal = itemRefusal(error);
          if (refusal === null) throw error;
          outcomes.push(
            refusal.code === 'conflict'
              ? {
                  position: item.position,
                  state: mode === 'execute' ? 'skipped' : 'restore_skipped',
                  reason: refusal.message,
                }
              : refusedByConfluence(item, mode, `${refusal.message}. ${refusal.guidance ?? ''}`.trim()),
          );
        }
      }
      return { outcomes };
    } catch (error) {
      // Rate limits and outages leave the rest pending: the next call resumes with it.
      return {
        outcomes,
        interruption: isAppError(error)
          ? error
          : new AppError('transient', 'Confluence did not answer', { cause: error }),
      };
    }
  }

  async function executeItem(
    port: ConfluencePort,
    item: BatchItem,
    pages: Map<string, PageDetail>,
  ): Promise<ItemOutcome> {
    if (item.action !== 'trash')
      return decideRelink(item, item.toPageId === null ? undefined : pages.get(item.toPageId));
    const page = item.pageId === null ? undefined : pages.get(item.pageId);
    // Its children now, asked of Confluence: a child added since the scan keeps the page.
    const childrenNow = page === undefined || page.status === 'trashed' ? [] : await port.listChildren(page.id);
    const decision = decideTrash(item, page, childrenNow);
    if (!decision.act) return decision.outcome;
    await port.trashPage(decision.page.id);
    const { status, version, title, parentId } = decision.page;
    return {
      position: item.position,
      state: 'done',
      reason: null,
      before: { status, version, title, parentId },
      after: { status: 'trashed' },
    };
  }

  async function restoreItem(
    port: ConfluencePort,
    item: BatchItem,
    pages: Map<string, PageDetail>,
  ): Promise<ItemOutcome> {
    if (item.action !== 'trash') return { position: item.position, state: 'apply', reason: null };
    const decision = decideRestore(item, item.pageId === null ? undefined : pages.get(item.pageId));
    if (!decision.act) return decision.outcome;
    // Parents come back first (the batch's order), so each page goes back under the parent it had.
    await port.restorePage({
      id: decision.page.id,
      title: decision.page.title,
      version: decision.page.version,
      parentId: item.parentId,
    });
    return { position: item.position, state: 'restored', reason: null };
  }

  return async function runPlan(
    viewer: Viewer,
    input: { planId: string; mode: CleanupMode; hash: string | null },
  ): Promise<CleanupProgress<CleanupPlan>> {
    const { planId, mode, hash } = input;
    const runToken = randomUUID();
    const common = { actor: viewer.accountId, planId, mode, runToken };
    let port: ConfluencePort | undefined;
    let unsaved: ItemOutcome[] | null = null;
    let interruption: AppError | undefined;
    let plan: CleanupPlan;
    for (;;) {
      let batch;
      try {
        batch = await store.nextBatch({
          ...common,
          hash,
          limit: CLEANUP_BATCH_SIZE,
          leaseSeconds: RUN_LEASE_SECONDS,
          outcomes: unsaved,
        });
      } catch (error) {
        throw unsaved === null ? error : unrecorded(error, unsaved, mode);
      }
      plan = batch.plan;
      unsaved = null;
      if (batch.items.length === 0) break;
      // Stop starting items well before the lease ends, so no second executor can meet this one.
      const leaseEndsAt = clock.monotonicMs() + RUN_LEASE_SECONDS * 1000 - LEASE_RESERVE_MS;
      const mayStart = () => deps.timeLeft() && clock.monotonicMs() < leaseEndsAt;
      port ??= deps.confluence(viewer);
      const acted = await act(port, batch.items, mode, mayStart);
      unsaved = acted.outcomes;
      interruption = acted.interruption;
      if (interruption !== undefined || acted.outcomes.length < batch.items.length || !deps.timeLeft()) break;
    }
    if (unsaved !== null) {
      try {
        plan = await store.recordOutcomes({ ...common, outcomes: unsaved });
      } catch (error) {
        throw unrecorded(error, unsaved, mode);
      }
      if (interruption !== undefined && unsaved.length === 0) throw interruption;
    }
    return { done: isFinished(plan, mode), progress: planProgress(plan, mode), result: plan };
  };
}
