import { z } from 'zod';
import { ScanCountsSchema } from '../contract/cleanup';
import { HypercareFiguresSchema, ReleaseSchema } from '../contract/weekly-report';
import { ErrorBudgetFiguresSchema } from '../contract/verification';
import {
  IntegrityFactsSchema,
  ScheduledRunSchema,
  SyncProbeSchema,
  TelemetryFoldSchema,
  TelemetryWindowSchema,
} from '../verification/verification-facts';
import { StoredReportSummarySchema, WeeklyReportSchema } from '../contract/weekly-report';
import type { OrphanScanFigures, PruneQuery, ScanFigure, VerificationStore } from '../verification/verification-port';
import type { SiteRpc } from './site-rpc';

const ScanFigureSchema: z.ZodType<ScanFigure> = z.object({
  scanId: z.number(),
  finishedAt: z.string(),
  counts: ScanCountsSchema,
});
const OrphanScanFiguresSchema: z.ZodType<OrphanScanFigures> = z.object({
  scanId: z.number(),
  finishedAt: z.string(),
  counts: ScanCountsSchema,
  trigger: z.enum(['user', 'scheduled']),
  previous: ScanFigureSchema.nullable(),
});

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
    telemetryWindow: ({ from, to, minCalls, minAccounts, wideMinutes, narrowMinutes }) =>
      rpc.call(
        'hdc_telemetry_window',
        {
          p_from: from,
          p_to: to,
          p_min_calls: minCalls,
          p_min_accounts: minAccounts,
          p_wide_minutes: wideMinutes,
          p_narrow_minutes: narrowMinutes,
        },
        TelemetryWindowSchema,
      ),
    syncProbe: (eventQuery, telemetry) =>
      rpc.call('hdc_sync_probe', { p_event_query: eventQuery }, SyncProbeSchema, 'idempotent_write', {
        measured: { call: telemetry, attributes: { action: 'probe' } },
      }),
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
    hypercareFigures: ({ to, days, windowMinutes, minCalls, minAccounts, minRefusedAccounts }) =>
      rpc.call(
        'hdc_hypercare_figures',
        {
          p_to: to,
          p_days: days,
          p_window_minutes: windowMinutes,
          p_min_calls: minCalls,
          p_min_accounts: minAccounts,
          p_min_refused_accounts: minRefusedAccounts,
        },
        HypercareFiguresSchema,
      ),
    errorBudgetFigures: ({ to, windowDays }) =>
      rpc.call('hdc_error_budget_figures', { p_to: to, p_window_days: windowDays }, z.array(ErrorBudgetFiguresSchema)),
    releases: (from) => rpc.call('hdc_release_list', { p_from: from }, z.array(ReleaseSchema)),
    orphanScanFigures: ({ before, to }) =>
      rpc.call('hdc_cleanup_scan_figures', { p_before: before, p_to: to }, OrphanScanFiguresSchema.nullable()),
    scheduledRuns: ({ job, from, to, limit }) =>
      rpc.call(
        'hdc_scheduled_runs',
        { p_job: job, p_from: from, p_to: to, p_limit: limit },
        z.array(ScheduledRunSchema),
      ),
    storeWeeklyReport: (report, idempotencyKey, person) =>
      rpc.call(
        'hdc_store_weekly_report',
        { p_report: report, p_idempotency_key: idempotencyKey, p_person: person },
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
