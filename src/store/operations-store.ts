import { z } from 'zod';
import type {
  BackupLines,
  OpsSummaryFigures,
  RestoreApplied,
  SiteFigures,
  SnapshotManifest,
} from '../contract/operations';
import {
  OpsSummaryFiguresSchema,
  RestoreAppliedSchema,
  SiteFiguresSchema,
  SnapshotManifestSchema,
} from '../contract/operations';
import type { SiteRpc } from './site-rpc';

/** A backup entering the catalogue once its file was written and read back. */
export interface BackupRecordInput {
  kind: 'manual' | 'pre_restore' | 'pre_upgrade' | 'drill';
  fileName: string;
  bytes: number;
  payloadSha256: string;
}

interface DrillRecordInput {
  passed: boolean;
  rtoMs: number | null;
  rpoSeconds: number | null;
  report: Record<string, unknown>;
}

/** A restore's or rollback's hold on its site: every other call of the site is refused until it ends. */
export interface SiteHold {
  token: string;
  kind: 'restore' | 'rollback';
  since: string;
  until: string;
}

const SiteHoldSchema = z.object({
  token: z.uuid(),
  kind: z.enum(['restore', 'rollback']),
  since: z.string(),
  until: z.string(),
});

/**
 * The operations port: backup snapshots paged out, restores paged in and applied in one
 * transaction, the site's per-table figures, drill results and the ops summary. Every call is
 * one SQL function, so it works over Supabase's HTTP API as over SQL.
 */
export interface OperationsStore {
  backupStart(actor: string, includeTelemetry: boolean): Promise<{ transferId: string; manifest: SnapshotManifest }>;
  /** A page of the snapshot as the file's lines: the database serialises, the caller writes them as they are. */
  transferPage(transferId: string, afterSeq: number, limit: number): Promise<BackupLines & { lastSeq: number | null }>;
  backupFinish(
    transferId: string,
    actor: string,
    record: BackupRecordInput,
  ): Promise<{ backupId: string; totalRows: number }>;
  transferDiscard(transferId: string): Promise<boolean>;
  restoreBegin(actor: string, manifest: SnapshotManifest): Promise<string>;
  /** A page of the file's lines, parsed and checked by the database. */
  restoreStage(transferId: string, lines: BackupLines): Promise<number>;
  restoreApply(transferId: string, actor: string): Promise<RestoreApplied>;
  siteFigures(): Promise<SiteFigures>;
  drillRecord(actor: string, drill: DrillRecordInput): Promise<number>;
  opsSummary(actor: string): Promise<OpsSummaryFigures>;
  /** Waits for the site's calls in flight, then holds the site (a conflict if another run holds it). */
  holdSite(actor: string, kind: SiteHold['kind']): Promise<SiteHold>;
  /** Ends the hold (idempotent); whether this call ended it. */
  releaseSite(hold: SiteHold, actor: string): Promise<boolean>;
  /** The same port for the holder's calls: each carries the hold's token and extends it. */
  within(hold: SiteHold): OperationsStore;
}

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
    opsSummary: (actor) => rpc.call('hdc_ops_summary', { p_actor: actor }, OpsSummaryFiguresSchema, 'write'),
    holdSite: (actor, kind) =>
      rpc.call('hdc_site_hold_take', { p_actor: actor, p_kind: kind }, SiteHoldSchema, 'write'),
    releaseSite: (siteHold, actor) =>
      rpc.call('hdc_site_hold_release', { p_hold: siteHold.token, p_actor: actor }, z.boolean(), 'idempotent_write'),
    within: (siteHold) => createOperationsStore(rpc, siteHold),
  };
}
