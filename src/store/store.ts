import type { AuditEntry, EventStatusView, EventSyncView, RegistryEvent, SyncResult } from '../contract/results';

export interface RegistryKey {
  sortKey: string;
  id: string;
}

export interface RegistryQuery {
  parentPageId: string;
  after: RegistryKey | null;
  limit: number;
  nameContains?: string | undefined;
  now: Date;
}

export interface RegistrySlice {
  events: RegistryEvent[];
  /** The key of the last event when more follow, else null. */
  nextKey: RegistryKey | null;
}

export type EventRef = { eventId: string } | { pageId: string };

export interface SyncCommand {
  eventId: string;
  actorAccountId: string;
}

/** One method per operation; each is one database round trip. */
export interface Store {
  listRegistry(query: RegistryQuery): Promise<RegistrySlice>;
  getSyncStatus(ref: EventRef, viewerAccountId: string | null): Promise<EventStatusView>;
  completeAndSync(command: SyncCommand): Promise<SyncResult>;
  retrySync(command: SyncCommand): Promise<SyncResult>;
  escalateSync(command: SyncCommand & { note: string }): Promise<EventSyncView>;
  listAudit(query: { eventId: string; actorAccountId: string; limit: number }): Promise<AuditEntry[]>;
  health(): Promise<{ database: 'ok'; schemaVersion: number | null; checkedAt: string }>;
  /** Persists queued telemetry now (off the user's path: CLI exit, scheduled work). */
  flushTelemetry(): Promise<number>;
}
