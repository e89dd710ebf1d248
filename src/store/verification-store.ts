import { z } from 'zod';
import { ScanCountsSchema } from '../contract/cleanup';
import type { HypercareFigures } from '../contract/weekly-report';
import { HypercareFiguresSchema } from '../contract/weekly-report';
import type { IntegrityFacts, ScheduledRun, SyncProbe, TelemetryFold, TelemetryWindow } from '../contract/verification';
import {
  IntegrityFactsSchema,
  ScheduledRunSchema,
  SyncProbeSchema,
  TelemetryFoldSchema,
  TelemetryWindowSchema,
} from '../contract/verification';
import type { StoredReportSummary, WeeklyReport } from '../contract/weekly-report';
import { StoredReportSummarySchema, WeeklyReportSchema } from '../contract/weekly-report';
import type { TelemetryCall } from '../telemetry/telemetry-recorder';
import type { SiteRpc } from './site-rpc';

export interface PruneQuery {
  before: Date;
  batch: number;
  actor: string;
}

/** The verification capability's port: dry-run, telemetry windows, the probe, runs and reports. */
const ScanFigure = z.object({ scanId: z.number(), finishedAt: z.string(), counts: ScanCountsSchema });
const OrphanScanFiguresSchema = ScanFigure.extend({
  trigger: z.enum(['user', 'scheduled']),
  previous: ScanFigure.nullable(),
});
export type OrphanScanFigures = z.infer<typeof OrphanScanFiguresSchema>;

export interface VerificationStore {
  integrityFacts(eventQuery: string): Promise<IntegrityFacts>;
  telemetryWindow(query: {
    from: Date;
    to: Date;
    minCalls: number;
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
  scheduledRuns(query: { job: ScheduledRun['job']; from: Date; limit: number }): Promise<ScheduledRun[]>;
  /** The latest complete orphan-page scan, and the latest completed before `before`. */
  orphanScanFigures(before: Date): Promise<OrphanScanFigures | null>;
  /** Daily organic calls, errors and forbidden refusals before `to`, the worst auth-failure window, SEV-2 reports. */
  hypercareFigures(request: {
    to: Date;
    days: number;
    windowMinutes: number;
    minCalls: number;
  }): Promise<HypercareFigures>;
  /** Stores the report and returns it with its id; the same key again returns the first one stored. */
  storeWeeklyReport(report: Omit<WeeklyReport, 'id'>, idempotencyKey: string): Promise<WeeklyReport>;
  listWeeklyReports(limit: number): Promise<StoredReportSummary[]>;
  /** The report with this id, or the latest when id is null. */
  getWeeklyReport(id: number | null): Promise<WeeklyReport>;
  /** The latest report of a week before `weekOf` (YYYY-MM-DD), or null: what "change vs last week" compares with. */
  getWeeklyReportBefore(weekOf: string): Promise<WeeklyReport | null>;
  /** Persists this site's queued telemetry now (off the user's path: CLI exit, scheduled work). */
  flushTelemetry(): Promise<number>;
}

export function createVerificationStore(rpc: SiteRpc): VerificationStore {
  const prune =
    (what: 'telemetry' | 'telemetry_rollups' | 'idempotent_replies') =>
    ({ before, batch, actor }: PruneQuery) =>
      rpc.call(
        'hdc_prune',
        { p_what: what, p_before: before, p_batch: batch, p_actor: actor },
        z.number().int(),
        'idempotent_write',
      );
  return {
    integrityFacts: (eventQuery) =>
      rpc.call('hdc_integrity_dry_run', { p_event_query: eventQuery }, IntegrityFactsSchema),
    telemetryWindow: ({ from, to, minCalls, wideMinutes, narrowMinutes }) =>
      rpc.call(
        'hdc_telemetry_window',
        { p_from: from, p_to: to, p_min_calls: minCalls, p_wide_minutes: wideMinutes, p_narrow_minutes: narrowMinutes },
        TelemetryWindowSchema,
      ),
    syncProbe: (eventQuery, telemetry) =>
      rpc.call(
        'hdc_sync_probe',
        { p_event_query: eventQuery, p_telemetry_id: telemetry.id },
        SyncProbeSchema,
        'idempotent_write',
      ),
    foldTelemetry: ({ maxHours, actor }) =>
      rpc.call(
        'hdc_fold_telemetry',
        { p_max_hours: maxHours, p_actor: actor },
        TelemetryFoldSchema,
        'idempotent_write',
      ),
    pruneTelemetry: prune('telemetry'),
    pruneTelemetryRollups: prune('telemetry_rollups'),
    pruneIdempotentReplies: prune('idempotent_replies'),
    recordScheduledRun: ({ job, startedAt, status, detail, errorCode }) =>
      rpc.call(
        'hdc_record_scheduled_run',
        { p_job: job, p_started_at: startedAt, p_status: status, p_detail: detail, p_error_code: errorCode },
        z.coerce.number().int(),
        'write',
      ),
    hypercareFigures: ({ to, days, windowMinutes, minCalls }) =>
      rpc.call(
        'hdc_hypercare_figures',
        { p_to: to, p_days: days, p_window_minutes: windowMinutes, p_min_calls: minCalls },
        HypercareFiguresSchema,
      ),
    orphanScanFigures: (before) =>
      rpc.call('hdc_cleanup_scan_figures', { p_before: before }, OrphanScanFiguresSchema.nullable()),
    scheduledRuns: ({ job, from, limit }) =>
      rpc.call('hdc_scheduled_runs', { p_job: job, p_from: from, p_limit: limit }, z.array(ScheduledRunSchema)),
    storeWeeklyReport: (report, idempotencyKey) =>
      rpc.call(
        'hdc_store_weekly_report',
        { p_report: report, p_idempotency_key: idempotencyKey },
        WeeklyReportSchema,
        'idempotent_write',
      ),
    listWeeklyReports: (limit) =>
      rpc.call('hdc_weekly_report_list', { p_limit: limit }, z.array(StoredReportSummarySchema)),
    getWeeklyReport: (id) => rpc.call('hdc_weekly_report_get', { p_id: id }, WeeklyReportSchema),
    getWeeklyReportBefore: (weekOf) =>
      rpc.call('hdc_weekly_report_before', { p_week_of: weekOf }, WeeklyReportSchema.nullable()),
    flushTelemetry: () => rpc.flushTelemetry(),
  };
}
