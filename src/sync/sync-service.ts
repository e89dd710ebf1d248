import type { AuditEntry, EventSyncView, SyncResult } from '../contract/results';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { Viewer } from '../shared/viewer';
import type { EventRef, Store } from '../store/store';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
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
  status(ref: EventRef): Promise<EventSyncView>;
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
      attributes: { action, eventId, errorCode: error.code, errorCategory, retryable },
    });
    throw error;
  }

  return {
    completeAndSync: (viewer, eventId) => runAttempt('complete', viewer, eventId),
    retrySync: (viewer, eventId) => runAttempt('retry', viewer, eventId),
    status: (ref) => deps.store.getSyncStatus(ref),
    auditLog: (viewer, eventId) =>
      deps.store.listAudit({ eventId, actorAccountId: viewer.accountId, limit: AUDIT_PAGE_SIZE }),
  };
}
