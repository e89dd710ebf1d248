import { z } from 'zod';
import {
  AuditEntrySchema,
  EventStatusViewSchema,
  EventSyncViewSchema,
  RegistryEventSchema,
  SyncResultSchema,
} from '../contract/results';
import { AppError } from '../shared/app-error';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import {
  IntegrityDryRunSchema,
  OperatorSchema,
  ScheduledRunSchema,
  SyncProbeSchema,
  TelemetryWindowSchema,
} from '../contract/verification';
import { StoredReportSummarySchema, WeeklyReportSchema } from '../contract/weekly-report';
import type { RpcClient } from './rpc-client';
import type { Store } from './store';

const RegistryRowsSchema = z.object({
  events: z.array(RegistryEventSchema.extend({ sortKey: z.string() })),
  hasMore: z.boolean(),
});

/**
 * The Store over SQL functions, whichever transport carries them. Every call takes the queued
 * telemetry along (`p_telemetry`); a failed call puts it back, since its transaction rolled back.
 */
export function createRpcStore(rpc: RpcClient, outbox: TelemetryOutbox): Store {
  async function call<T>(fn: string, args: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const batch = outbox.take();
    let raw: unknown;
    try {
      raw = await rpc.call(fn, { ...args, p_telemetry: batch });
    } catch (error) {
      outbox.restore(batch);
      throw error;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('internal', `Unexpected reply from ${fn}`, { cause: parsed.error, retryable: false });
    }
    return parsed.data;
  }

  return {
    async listRegistry({ parentPageId, after, limit, nameContains, now }) {
      const rows = await call(
        'hdc_registry_list',
        {
          p_parent_page_id: parentPageId,
          p_after_key: after?.sortKey ?? null,
          p_after_id: after?.id ?? null,
          p_limit: limit,
          p_now: now,
          p_name_contains: nameContains ?? null,
        },
        RegistryRowsSchema,
      );
      const events = rows.events.map(({ sortKey, ...event }) => event);
      const last = rows.events.at(-1);
      return { events, nextKey: rows.hasMore && last ? { sortKey: last.sortKey, id: last.id } : null };
    },
    getSyncStatus(ref, viewerAccountId) {
      return call(
        'hdc_sync_status',
        {
          p_event_id: 'eventId' in ref ? ref.eventId : null,
          p_page_id: 'pageId' in ref ? ref.pageId : null,
          p_actor: viewerAccountId,
        },
        EventStatusViewSchema,
      );
    },
    completeAndSync({ eventId, actorAccountId }) {
      return call('hdc_complete_and_sync', { p_event_id: eventId, p_actor: actorAccountId }, SyncResultSchema);
    },
    retrySync({ eventId, actorAccountId }) {
      return call('hdc_retry_sync', { p_event_id: eventId, p_actor: actorAccountId }, SyncResultSchema);
    },
    escalateSync({ eventId, actorAccountId, note }) {
      return call('hdc_escalate_sync', { p_event_id: eventId, p_actor: actorAccountId, p_note: note }, EventSyncViewSchema);
    },
    listAudit({ eventId, actorAccountId, limit }) {
      return call(
        'hdc_audit_list',
        { p_event_id: eventId, p_actor: actorAccountId, p_limit: limit },
        z.array(AuditEntrySchema),
      );
    },
    integrityDryRun(eventQuery) {
      return call('hdc_integrity_dry_run', { p_event_query: eventQuery }, IntegrityDryRunSchema);
    },
    telemetryWindow({ from, to, minCalls, wideMinutes, narrowMinutes }) {
      return call(
        'hdc_telemetry_window',
        { p_from: from, p_to: to, p_min_calls: minCalls, p_wide_minutes: wideMinutes, p_narrow_minutes: narrowMinutes },
        TelemetryWindowSchema,
      );
    },
    syncProbe(eventQuery) {
      return call('hdc_sync_probe', { p_event_query: eventQuery }, SyncProbeSchema);
    },
    pruneTelemetry({ before, batch, actor }) {
      return call('hdc_prune_telemetry', { p_before: before, p_batch: batch, p_actor: actor }, z.number().int());
    },
    recordScheduledRun({ job, startedAt, status, detail, errorCode }) {
      return call(
        'hdc_record_scheduled_run',
        { p_job: job, p_started_at: startedAt, p_status: status, p_detail: detail, p_error_code: errorCode },
        z.coerce.number().int(),
      );
    },
    scheduledRuns({ job, from, limit }) {
      return call('hdc_scheduled_runs', { p_job: job, p_from: from, p_limit: limit }, z.array(ScheduledRunSchema));
    },
    storeWeeklyReport(report) {
      return call('hdc_store_weekly_report', { p_report: report }, z.coerce.number().int());
    },
    listWeeklyReports(limit) {
      return call('hdc_weekly_report_list', { p_limit: limit }, z.array(StoredReportSummarySchema));
    },
    getWeeklyReport(id) {
      return call('hdc_weekly_report_get', { p_id: id }, WeeklyReportSchema);
    },
    isOperator(accountId) {
      return call('hdc_is_operator', { p_account: accountId }, z.boolean());
    },
    addOperator(accountId, actor) {
      return call('hdc_operator_add', { p_account: accountId, p_actor: actor }, z.array(OperatorSchema));
    },
    removeOperator(accountId, actor) {
      return call('hdc_operator_remove', { p_account: accountId, p_actor: actor }, z.array(OperatorSchema));
    },
    listOperators() {
      return call('hdc_operator_list', {}, z.array(OperatorSchema));
    },
    health() {
      return call(
        'hdc_health',
        {},
        z.object({ database: z.literal('ok'), schemaVersion: z.number().int().nullable(), checkedAt: z.string() }),
      );
    },
    async flushTelemetry() {
      const batch = outbox.take();
      if (batch.length === 0) return 0;
      try {
        return z.number().parse(await rpc.call('hdc_record_telemetry', { p_telemetry: batch }));
      } catch (error) {
        outbox.restore(batch);
        throw error;
      }
    },
  };
}
