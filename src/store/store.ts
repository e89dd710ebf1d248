import type { AuditEntry, EventStatusView, EventSyncView, RegistryEvent, SyncResult } from '../contract/results';
import type { IntegrityDryRun, Operator, ScheduledRun, SyncProbe, TelemetryWindow } from '../contract/verification';
import type { StoredReportSummary, WeeklyReport } from '../contract/weekly-report';

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
  integrityDryRun(eventQuery: string): Promise<IntegrityDryRun>;
  telemetryWindow(query: { from: Date; to: Date; minCalls: number; wideMinutes: number; narrowMinutes: number }): Promise<TelemetryWindow>;
  /** The real sync path on the canonical event, rolled back. */
  syncProbe(eventQuery: string): Promise<SyncProbe>;
  /** Deletes at most `batch` telemetry rows recorded before `before`; returns how many. */
  pruneTelemetry(query: { before: Date; batch: number; actor: string }): Promise<number>;
  recordScheduledRun(run: { job: ScheduledRun['job']; startedAt: Date; status: ScheduledRun['status']; detail: object; errorCode: string | null }): Promise<number>;
  scheduledRuns(query: { job: ScheduledRun['job']; from: Date; limit: number }): Promise<ScheduledRun[]>;
  storeWeeklyReport(report: Omit<WeeklyReport, 'id'>): Promise<number>;
  listWeeklyReports(limit: number): Promise<StoredReportSummary[]>;
  /** The report with this id, or the latest when id is null. */
  getWeeklyReport(id: number | null): Promise<WeeklyReport>;
  isOperator(accountId: string): Promise<boolean>;
  addOperator(accountId: string, actor: string): Promise<Operator[]>;
  removeOperator(accountId: string, actor: string): Promise<Operator[]>;
  listOperators(): Promise<Operator[]>;
  health(): Promise<{ database: 'ok'; schemaVersion: number | null; checkedAt: string }>;
  /** Persists queued telemetry now (off the user's path: CLI exit, scheduled work). */
  flushTelemetry(): Promise<number>;
}
