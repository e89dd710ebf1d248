import { z } from 'zod';
import { OpsConsoleSchema } from '../contract/console';
import { OpsSummaryFiguresSchema } from '../contract/operations';
import { RestoreAppliedSchema, SiteFiguresSchema, SnapshotManifestSchema } from '../ops/backup-format';
import type { OperationsStore, SiteHold } from '../ops/operations-port';
import type { SiteRpc } from './site-rpc';

const SiteHoldSchema: z.ZodType<SiteHold> = z.object({
  token: z.uuid(),
  kind: z.enum(['restore', 'rollback', 'erase']),
  since: z.string(),
  until: z.string(),
});

const TransferPageSchema = z.object({
  text: z.string(),
  rows: z.number().int().nonnegative(),
  // bigint: a string from a server, a number from the embedded database.
  lastSeq: z.coerce.number().int().nullable(),
});

export function createOperationsStore(rpc: SiteRpc, hold: SiteHold | null = null): OperationsStore {
  // Inside a hold, every call carries its token (hdc_begin_call lets it through and extends the lease).
  const held = hold === null ? {} : { p_hold: hold.token };
  return {
    backupStart: (actor, includeTelemetry) =>
      rpc.call(
        'hdc_backup_start',
        { p_actor: actor, p_include_telemetry: includeTelemetry, ...held },
        z.object({ transferId: z.string(), manifest: SnapshotManifestSchema }),
        'write',
        { unbounded: true },
      ),
    transferPage: (transferId, afterSeq, limit) =>
      rpc.call(
        'hdc_transfer_page',
        { p_transfer: transferId, p_after_seq: afterSeq, p_limit: limit, ...held },
        TransferPageSchema,
      ),
    backupFinish: (transferId, actor, record) =>
      rpc.call(
        'hdc_backup_finish',
        { p_transfer: transferId, p_actor: actor, p_backup: record, ...held },
        z.object({ backupId: z.string(), totalRows: z.number() }),
        'write',
      ),
    transferDiscard: (transferId) =>
      rpc.call('hdc_transfer_discard', { p_transfer: transferId, ...held }, z.boolean(), 'idempotent_write'),
    restoreBegin: (actor, manifest) =>
      rpc.call('hdc_restore_begin', { p_actor: actor, p_manifest: manifest, ...held }, z.string(), 'write'),
    restoreStage: (transferId, lines) =>
      rpc.call(
        'hdc_restore_stage',
        { p_transfer: transferId, p_lines: lines.text, ...held },
        z.number(),
        'idempotent_write',
      ),
    restoreApply: (transferId, actor) =>
      rpc.call(
        'hdc_restore_apply',
        { p_transfer: transferId, p_actor: actor, ...held },
        RestoreAppliedSchema,
        'write',
        { unbounded: true },
      ),
    siteFigures: () => rpc.call('hdc_site_figures', held, SiteFiguresSchema),
    drillRecord: (actor, drill) =>
      rpc.call(
        'hdc_drill_record',
        {
          p_actor: actor,
          p_passed: drill.passed,
          p_rto_ms: drill.rtoMs,
          p_rpo_seconds: drill.rpoSeconds,
          p_report: drill.report,
        },
        // bigint: a string from a server, a number from the embedded database.
        z.coerce.number(),
        'write',
      ),
    opsSummary: (actor, budgetWindowDays) =>
      rpc.call(
        'hdc_ops_summary',
        { p_actor: actor, p_budget_window_days: budgetWindowDays },
        OpsSummaryFiguresSchema,
        'write',
      ),
    opsConsole: (actor) => rpc.call('hdc_ops_console', { p_actor: actor }, OpsConsoleSchema),
    holdSite: (actor, kind) =>
      rpc.call('hdc_site_hold_take', { p_actor: actor, p_kind: kind }, SiteHoldSchema, 'write'),
    releaseSite: (siteHold, actor) =>
      rpc.call('hdc_site_hold_release', { p_hold: siteHold.token, p_actor: actor }, z.boolean(), 'idempotent_write'),
    eraseSite: (siteHold, actor, backup) =>
      rpc.call(
        'hdc_site_erase',
        { p_hold: siteHold.token, p_actor: actor, p_backup: backup },
        z.object({ rows: z.coerce.number().int(), tables: z.record(z.string(), z.coerce.number().int()) }),
        'write',
        { unbounded: true },
      ),
    within: (siteHold) => createOperationsStore(rpc, siteHold),
  };
}
