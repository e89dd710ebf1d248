import type { AuditEntry, EventStatusView, EventSyncView, SyncAttemptAction, SyncResult } from '../contract/results';
import type { TelemetryCall } from '../telemetry/telemetry-recorder';

export type EventRef = { eventId: string } | { pageId: string };

interface SyncCommand {
  eventId: string;
  actorAccountId: string;
  /** The same key again returns the first request's reply (a retry after an ambiguous timeout). */
  idempotencyKey: string;
}

/** The sync capability's port. Complete + Sync and Retry Sync are one transaction, one round trip each. */
export interface SyncStore {
  getSyncStatus(ref: EventRef, viewerAccountId: string | null): Promise<EventStatusView>;
  runSync(action: SyncAttemptAction, command: SyncCommand & { telemetry: TelemetryCall }): Promise<SyncResult>;
  escalateSync(command: SyncCommand & { note: string }): Promise<EventSyncView>;
  listAudit(query: { eventId: string; actorAccountId: string; limit: number }): Promise<AuditEntry[]>;
}
