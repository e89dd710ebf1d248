import type { ScanCounts } from '../contract/cleanup';
import type { IntegrityFacts, ScheduledRun, SyncProbe, TelemetryFold, TelemetryWindow } from './verification-facts';
import type { HypercareFigures, Release, StoredReportSummary, WeeklyReport } from '../contract/weekly-report';
import type { ErrorBudgetFigures } from '../contract/verification';
import type { TelemetryCall } from '../telemetry/telemetry-recorder';

export interface PruneQuery {
  before: Date;
  batch: number;
  actor: string;
}

/** An orphan-page scan as the weekly report counts it. */
export interface ScanFigure {
  scanId: number;
  finishedAt: string;
  counts: ScanCounts;
}

/** The latest complete orphan-page scan, with the one before it. */
export interface OrphanScanFigures extends ScanFigure {
  trigger: 'user' | 'scheduled';
  previous: ScanFigure | null;
}

/** The verification capability's port: dry-run, telemetry windows, the probe, runs and reports. */
export interface VerificationStore {
  integrityFacts(eventQuery: string): Promise<IntegrityFacts>;
  telemetryWindow(query: {
    from: Date;
    to: Date;
    minCalls: number;
    minAccounts: number;
    wideMinutes: number;
    narrowMinutes: number;
  }): Promise<TelemetryWindow>;
  /** The real sync path on the canonical event, rolled back. */
  syncProbe(eventQuery: string, telemetry: TelemetryCall): Promise<SyncProbe>;
  /** Folds up to `maxHours` hours of raw telemetry into the rollups the window reads. */
  foldTelemetry(query: { maxHours: number; actor: string }): Promise<TelemetryFold>;
  /** Deletes at most `batch` raw telemetry rows of folded hours recorded before `before`; returns how many. */
  pruneTelemetry(query: PruneQuery): Promise<number>;
  /** Deletes at most `batch` rollup rows (5-minute bins, then hourly histograms) before `before`. */
  pruneTelemetryRollups(query: PruneQuery): Promise<number>;
  /** Deletes at most `batch` idempotent replies kept before `before`; returns how many. */
  pruneIdempotentReplies(query: PruneQuery): Promise<number>;
  recordScheduledRun(run: {
    job: ScheduledRun['job'];
    startedAt: Date;
    status: ScheduledRun['status'];
    detail: object;
    errorCode: string | null;
  }): Promise<number>;
  /** Calls and errors per metric over an error budget's window before `to`, and its last 7 days. */
  errorBudgetFigures(query: { to: Date; windowDays: number }): Promise<ErrorBudgetFigures[]>;
  /** The releases recorded since `from`, oldest first (the trend charts' markers). */
  releases(from: Date): Promise<Release[]>;
  /** The runs of a job started in [from, to), newest first. */
  scheduledRuns(query: { job: ScheduledRun['job']; from: Date; to: Date; limit: number }): Promise<ScheduledRun[]>;
  /** The latest orphan-page scan completed before `to`, and the latest completed before `before`. */
  orphanScanFigures(window: { before: Date; to: Date }): Promise<OrphanScanFigures | null>;
  /**
   * Daily organic calls, errors and forbidden refusals before `to`, the worst auth-failure window
   * with enough evidence (calls, people calling, people refused), the refusals as calls and people, SEV-2 reports.
   */
  hypercareFigures(request: {
    to: Date;
    days: number;
    windowMinutes: number;
    minCalls: number;
    minAccounts: number;
    minRefusedAccounts: number;
  }): Promise<HypercareFigures>;
  /** Stores the report and returns it with its id; the same key again returns the first one stored. */
  /** `person`: the account generating it, refused unless an HDC operator when it is stored; null for the schedule and the CLI. */
  storeWeeklyReport(
    report: Omit<WeeklyReport, 'id'>,
    idempotencyKey: string,
    person: string | null,
  ): Promise<WeeklyReport>;
  listWeeklyReports(limit: number): Promise<StoredReportSummary[]>;
  /** The report with this id, or the latest when id is null. */
  getWeeklyReport(id: number | null): Promise<WeeklyReport>;
  /** The latest report of a week before `weekOf` (YYYY-MM-DD), or null: what "change vs last week" compares with. */
  getWeeklyReportBefore(weekOf: string): Promise<WeeklyReport | null>;
  /** Persists this site's queued telemetry now (off the user's path: CLI exit, scheduled work). */
  flushTelemetry(): Promise<number>;
}
