import type { AuditEntry, EventStatusView, EventSyncView, SyncResult, SyncTreeReply } from '../contract/results';
import { isRateLimited, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { Viewer } from '../shared/viewer';
import type { EventRef, Store } from '../store/store';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
import { locateInTree, SYNC_DECISION_TREE, treeFactsOf } from './sync-decision-tree';
import { classifySyncError } from './sync-outcome';

export interface SyncServiceDeps {
  store: Store;
  telemetry: TelemetryRecorder;
  clock: Clock;
}

export const AUDIT_PAGE_SIZE = 100;

export interface SyncService {
  completeAndSync(viewer: Viewer, eventId: string): Promise<SyncResult>;
  retrySync(viewer: Viewer, eventId: string): Promise<SyncResult>;
  /** Escalation note at the tree's escalation node; allows one more Retry Sync. Audited. */
  escalate(viewer: Viewer, eventId: string, note: string): Promise<EventSyncView>;
  status(ref: EventRef, viewer?: Viewer): Promise<EventStatusView>;
  /** The decision tree, with the event's position when a ref is given and an event matches it. */
  tree(ref: EventRef | null, viewer: Viewer): Promise<SyncTreeReply>;
  auditLog(viewer: Viewer, eventId: string): Promise<AuditEntry[]>;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  async function runAttempt(action: 'complete' | 'retry', viewer: Viewer, eventId: string): Promise<SyncResult> {
    const command = { eventId, actorAccountId: viewer.accountId };
    const result = await timed(deps.clock, () =>
      action === 'complete' ? deps.store.completeAndSync(command) : deps.store.retrySync(command),
    );
    if (result.ok) {
      const state = result.value.state;
      deps.telemetry.record({
        metric: 'sync_execution',
        outcome: 'success',
        durationMs: result.durationMs,
        attributes: {
          action,
          eventId,
          rowCount: result.value.attempt.pushed + result.value.attempt.skipped + result.value.attempt.failed,
          ...(state ? { syncStatus: state.status, errorCategory: state.errorCategory, retryable: state.retryable } : {}),
        },
      });
      return result.value;
    }
    const error = toAppError(result.error);
    const { errorCategory, retryable } = classifySyncError(error);
    deps.telemetry.record({
      metric: 'sync_execution',
      outcome: 'error',
      durationMs: result.durationMs,
      attributes: { action, eventId, errorCode: error.code, errorCategory, retryable, ...(isRateLimited(error) ? { rateLimited: true } : {}) },
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
    completeAndSync: (viewer, eventId) => runAttempt('complete', viewer, eventId),
    retrySync: (viewer, eventId) => runAttempt('retry', viewer, eventId),
    escalate: (viewer, eventId, note) => deps.store.escalateSync({ eventId, actorAccountId: viewer.accountId, note }),
    status: (ref, viewer) => deps.store.getSyncStatus(ref, viewer?.accountId ?? null),
    async tree(ref, viewer) {
      const view = ref === null ? null : await statusOrNull(ref, viewer);
      if (view === null) return { tree: SYNC_DECISION_TREE, event: null, position: null };
      const position = locateInTree(treeFactsOf(view));
      return {
        tree: SYNC_DECISION_TREE,
        event: { eventId: view.eventId, name: view.name, lifecycle: view.lifecycle, status: view.state?.status ?? 'not_synced' },
        position: { path: position.path, leafId: position.leaf.id, allowedActions: position.leaf.allowedActions },
      };
    },
    auditLog: (viewer, eventId) =>
      deps.store.listAudit({ eventId, actorAccountId: viewer.accountId, limit: AUDIT_PAGE_SIZE }),
  };
}
