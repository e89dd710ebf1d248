import type { OpsConsole } from '../contract/console';
import type { OpsSummaryFigures } from '../contract/operations';
import type { BackupLines, RestoreApplied, SiteFigures, SnapshotManifest } from './backup-format';

/** A backup entering the catalogue once its file was written and read back. */
export interface BackupRecordInput {
  kind: 'manual' | 'pre_restore' | 'pre_upgrade' | 'drill';
  fileName: string;
  bytes: number;
  payloadSha256: string;
}

export interface DrillRecordInput {
  passed: boolean;
  rtoMs: number | null;
  rpoSeconds: number | null;
  report: Record<string, unknown>;
}

/** A restore's or rollback's hold on its site: every other call of the site is refused until it ends. */
export interface SiteHold {
  token: string;
  kind: 'restore' | 'rollback' | 'erase';
  since: string;
  until: string;
}

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
  /** `budgetWindowDays`: the error budgets' rolling window (thresholds: error_budgets.window_days). */
  opsSummary(actor: string, budgetWindowDays: number): Promise<OpsSummaryFigures>;
  /** The operators' console's own read (operators only; not audited). */
  opsConsole(actor: string): Promise<OpsConsole>;
  /** Waits for the site's calls in flight, then holds the site (a conflict if another run holds it). */
  holdSite(actor: string, kind: SiteHold['kind']): Promise<SiteHold>;
  /** Ends the hold (idempotent); whether this call ended it. */
  releaseSite(hold: SiteHold, actor: string): Promise<boolean>;
  /** Every row of the site in one transaction, under its erase hold, after its final backup (logged with no site). */
  eraseSite(
    hold: SiteHold,
    actor: string,
    backup: { file: string; sha256: string },
  ): Promise<{ rows: number; tables: Record<string, number> }>;
  /** The same port for the holder's calls: each carries the hold's token and extends it. */
  within(hold: SiteHold): OperationsStore;
}
