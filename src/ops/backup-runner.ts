import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { BackupHeader, RestoreApplied, SiteFigures, SnapshotManifest } from './backup-format';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from './backup-format';
import { AppError } from '../shared/app-error';
import { HDC_OPS_VERSION } from '../shared/release';
import type { BackupRecordInput, OperationsStore } from './operations-port';
import { backupLinePages, verifyBackupFile, writeBackupFile } from './backup-file';
import type { VerifiedBackup } from './backup-file';

/** Rows per page out of the database and per page into it: about 0.5–1 MB of JSON. */
const TRANSFER_PAGE_ROWS = 2000;

export type Progress = (done: number, total: number, what: string) => void;

export interface BackupOptions {
  file: string;
  actor: string;
  kind: BackupRecordInput['kind'];
  includeTelemetry: boolean;
  progress?: Progress;
}

export interface BackupResult {
  file: string;
  backupId: string;
  manifest: SnapshotManifest;
  bytes: number;
  totalRows: number;
  payloadSha256: string;
}

const totalOf = (manifest: SnapshotManifest) => manifest.tables.reduce((sum, table) => sum + table.rows, 0);

/**
 * A backup: the snapshot is taken in one database call (one transaction), paged out into the file,
 * the file is read back and its checksum checked, and only then does the backup enter the
 * catalogue (audited). A failure anywhere drops the snapshot and leaves no file.
 */
export async function takeBackup(store: OperationsStore, options: BackupOptions): Promise<BackupResult> {
  const { transferId, manifest } = await store.backupStart(options.actor, options.includeTelemetry);
  const total = totalOf(manifest);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    backupId: transferId,
    createdBy: options.actor,
    kind: options.kind,
    hdcOpsVersion: HDC_OPS_VERSION,
    ...manifest,
  };
  try {
    async function* pages() {
      let after = -1;
      let done = 0;
      for (;;) {
        const page = await store.transferPage(transferId, after, TRANSFER_PAGE_ROWS);
        if (page.rows === 0 || page.lastSeq === null) return;
        after = page.lastSeq;
        done += page.rows;
        options.progress?.(done, total, 'rows read');
        yield page;
      }
    }
    const written = await writeBackupFile(options.file, header, pages());
    const verified = await verifyBackupFile(options.file);
    if (verified.payloadSha256 !== written.payloadSha256 || verified.totalRows !== total) {
      throw new AppError('internal', `The backup file ${options.file} does not read back as written`, {
        retryable: false,
      });
    }
    const record = await store.backupFinish(transferId, options.actor, {
      kind: options.kind,
      fileName: basename(options.file),
      bytes: written.bytes,
      payloadSha256: written.payloadSha256,
    });
    return {
      file: options.file,
      backupId: record.backupId,
      manifest,
      bytes: written.bytes,
      totalRows: total,
      payloadSha256: written.payloadSha256,
    };
  } catch (error) {
    await store.transferDiscard(transferId).catch(() => undefined);
    throw error;
  }
}

/** One table of a restore plan: what the site holds now and what the backup would put there. */
interface RestoreTablePlan {
  name: string;
  rowsNow: number;
  rowsInBackup: number;
  /** Whether the table's content differs (its content hash). */
  changes: boolean;
}

export interface RestorePlan {
  file: string;
  site: string;
  backup: VerifiedBackup;
  tables: RestoreTablePlan[];
  rowsNow: number;
  /** Tables the backup does not hold (raw telemetry in a --no-telemetry backup): left as they are. */
  keptAsIs: string[];
  /** Reading the file through for its checksum, and the site's figures beside the manifest. */
  checkMs: number;
}

/** Checks a file (checksum, schema version, site) and compares it with the site's data, changing nothing. */
export async function planRestore(store: OperationsStore, file: string, site: string): Promise<RestorePlan> {
  const started = performance.now();
  const backup = await verifyBackupFile(file);
  const plan = await comparePlan(store, backup, file, site);
  return { ...plan, checkMs: performance.now() - started };
}

/** A checked backup beside the site's data as it is now (inside a hold: as it will stay). */
export async function comparePlan(
  store: OperationsStore,
  backup: VerifiedBackup,
  file: string,
  site: string,
): Promise<RestorePlan> {
  const started = performance.now();
  const figures: SiteFigures = await store.siteFigures();
  const { header } = backup;
  if (header.site !== site) {
    throw new AppError('validation', `${file} is a backup of site ${header.site}, not of ${site}`, {
      guidance: `Restore it with --site ${header.site}.`,
      retryable: false,
    });
  }
  if (header.schemaVersion !== figures.schemaVersion) {
    throw new AppError(
      'validation',
      `${file} has schema version ${header.schemaVersion}; the database has ${figures.schemaVersion ?? 'none'}`,
      {
        guidance:
          header.schemaVersion < (figures.schemaVersion ?? 0)
            ? 'The database was upgraded since: use hdc-ops rollback --backup FILE with the HDC Ops version that took the backup.'
            : 'Migrate the database first (hdc-ops migrate), or restore with the HDC Ops version that took the backup.',
        retryable: false,
      },
    );
  }
  const inBackup = new Map(header.tables.map((table) => [table.name, table]));
  const tables = header.tables.map((table) => {
    const now = figures.tables[table.name];
    return {
      name: table.name,
      rowsNow: now?.rows ?? 0,
      rowsInBackup: table.rows,
      changes: now?.contentHash !== table.contentHash,
    };
  });
  return {
    file,
    site,
    backup,
    tables,
    rowsNow: tables.reduce((sum, table) => sum + table.rowsNow, 0),
    keptAsIs: Object.keys(figures.tables).filter((name) => !inBackup.has(name)),
    checkMs: performance.now() - started,
  };
}

export interface RestoreResult {
  applied: RestoreApplied;
  /** From the first staged page to the applied transaction (which checks every table against the manifest). */
  restoreMs: number;
}

/**
 * Applies a checked plan: the rows are staged page by page, then one database call replaces the
 * site's data in one transaction and checks every table's rows and content hash against the
 * manifest (any mismatch rolls everything back): what it returns is verified parity.
 */
export async function applyRestore(
  store: OperationsStore,
  plan: RestorePlan,
  actor: string,
  progress?: Progress,
): Promise<RestoreResult> {
  const { header } = plan.backup;
  const manifest: SnapshotManifest = {
    site: header.site,
    schemaVersion: header.schemaVersion,
    snapshotAt: header.snapshotAt,
    includesTelemetry: header.includesTelemetry,
    tables: header.tables,
  };
  const started = performance.now();
  const transferId = await store.restoreBegin(actor, manifest);
  let applied: RestoreApplied;
  try {
    // The file is hashed again as it is staged: changed since it was checked, it is not applied.
    const hash = createHash('sha256');
    let staged = 0;
    for await (const page of backupLinePages(plan.file, TRANSFER_PAGE_ROWS, (line) => hash.update(`${line}\n`))) {
      await store.restoreStage(transferId, page);
      staged += page.rows;
      progress?.(staged, plan.backup.totalRows, 'rows staged');
    }
    if (hash.digest('hex') !== plan.backup.payloadSha256) {
      throw new AppError('conflict', `The backup file ${plan.file} changed since it was checked`, {
        guidance: 'Run the restore again.',
        retryable: false,
      });
    }
    applied = await store.restoreApply(transferId, actor);
  } catch (error) {
    await store.transferDiscard(transferId).catch(() => undefined);
    throw error;
  }
  return { applied, restoreMs: performance.now() - started };
}

/** A name for a backup file nobody chose: the site's short id, the kind and the time. */
export function defaultBackupName(site: string, kind: string, now: Date): string {
  const shortSite = site
    .slice(site.lastIndexOf('/') + 1)
    .replace(/[^A-Za-z0-9-]/g, '')
    .slice(0, 40);
  return `hdc-${shortSite}-${kind.replace('_', '-')}-${now.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.hdcbak.gz`;
}
