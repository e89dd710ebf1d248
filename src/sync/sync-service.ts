import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  EventStatusView,
  EventSyncView,
  SyncAttemptAction,
  SyncResult,
  SyncTreeReply,
} from '../contract/results';
import { SYNC_DECISION_TREE } from '../contract/sync-decision-tree';
import { locateInTree, treeFactsOf } from '../contract/sync-tree-position';
import { isRateLimited, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { Viewer } from '../shared/viewer';
import type { EventRef, SyncStore } from './sync-port';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
import { callOutcomeOf } from '../telemetry/call-outcome';
import { classifySyncError } from './sync-error-category';

export interface SyncServiceDeps {
  store: SyncStore;
  telemetry: TelemetryRecorder;
  clock: Clock;
}

const AUDIT_PAGE_SIZE = 100;

/**
 * The writes take an optional idempotency key (the macro makes one per click): the same key again
 * returns the first attempt's result. Without one, each call gets its own, which still makes the
 * transport's own retries after an ambiguous timeout safe.
 */
interface CompleteOptions {
  /** Confirms ending an event still in hacking or voting (required then, refused otherwise). */
  endEarly?: boolean | undefined;
  idempotencyKey?: string | undefined;
}

export interface SyncService {
  completeAndSync(viewer: Viewer, eventId: string, options?: CompleteOptions): Promise<SyncResult>;
  retrySync(viewer: Viewer, eventId: string, idempotencyKey?: string): Promise<SyncResult>;
  /** Escalation note at the tree's escalation node; allows one more Retry Sync. Audited. */
  escalate(viewer: Viewer, eventId: string, note: string, idempotencyKey?: string): Promise<EventSyncView>;
  status(ref: EventRef, viewer?: Viewer): Promise<EventStatusView>;
  /** The decision tree, with the event's position when a ref is given and an event matches it. */
  tree(ref: EventRef | null, viewer: Viewer): Promise<SyncTreeReply>;
  auditLog(viewer: Viewer, eventId: string): Promise<AuditEntry[]>;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  async function runAttempt(
    action: SyncAttemptAction,
    viewer: Viewer,
    eventId: string,
    idempotencyKey: string,
  ): Promise<SyncResult> {
    const call = deps.telemetry.begin('sync_execution', viewer.accountId);
    const result = await timed(deps.clock, () =>
      deps.store.runSync(action, { eventId, actorAccountId: viewer.accountId, idempotencyKey, telemetry: call }),
    );
    if (result.ok) {
      const { attempt, state } = result.value;
      deps.telemetry.end(call, {
        outcome: 'success',
        durationMs: result.durationMs,
        attributes: {
          action,
          eventId,
          rowCount: attempt.pushed + attempt.skipped + attempt.failed,
          ...(state
            ? { syncStatus: state.status, errorCategory: state.errorCategory, retryable: state.retryable }
            : {}),
        },
      });
      return result.value;
    }
    const error = toAppError(result.error);
    deps.telemetry.end(call, {
      outcome: callOutcomeOf(error),
      durationMs: result.durationMs,
      attributes: {
        action,
        eventId,
        errorCode: error.code,
        ...classifySyncError(error),
        ...(isRateLimited(error) ? { rateLimited: true } : {}),
      },
    });
    throw error;
  }

  async function statusOrNull(ref: EventRef, viewer: Viewer): Promise<EventStatusView | null> {
    try {
      return await deps.store.getSyncStatus(ref, viewer.accountId);
    } catch (error) {
      // A page that is not an event page shows the tree alone.
      if (toAppError(error).code === 'not_found') return null;
      throw error;
    }
  }

  return {
    completeAndSync: (viewer, eventId, options = {}) =>
      runAttempt(
        options.endEarly === true ? 'end_early' : 'complete',
        viewer,
        eventId,
        options.idempotencyKey ?? randomUUID(),
      ),
    retrySync: (viewer, eventId, key = randomUUID()) => runAttempt('retry', viewer, eventId, key),
    escalate: (viewer, eventId, note, key = randomUUID()) =>
      deps.store.escalateSync({ eventId, actorAccountId: viewer.accountId, note, idempotencyKey: key }),
    status: (ref, viewer) => deps.store.getSyncStatus(ref, viewer?.accountId ?? null),
    async tree(ref, viewer) {
      const view = ref === null ? null : await statusOrNull(ref, viewer);
      if (view === null) return { tree: SYNC_DECISION_TREE, event: null, position: null };
      const position = locateInTree(treeFactsOf(view));
      return {
        tree: SYNC_DECISION_TREE,
        event: {
          eventId: view.eventId,
          name: view.name,
          lifecycle: view.lifecycle,
          status: view.state?.status ?? 'not_synced',
          viewerMayAct: view.viewerRole !== null,
        },
        position: { path: position.path, leafId: position.leaf.id, allowedActions: position.leaf.allowedActions },
      };
    },
    auditLog: (viewer, eventId) =>
      deps.store.listAudit({ eventId, actorAccountId: viewer.accountId, limit: AUDIT_PAGE_SIZE }),
  };
}
