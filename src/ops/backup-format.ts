import { z } from 'zod';
import { BackupRecordSchema } from '../contract/operations';

/**
 * The backup file's format and the rows a backup or restore moves through the database: the
 * recovery capability's own, not the macros' (src/contract holds only what they share).
 */

const Count = z.number().int().nonnegative();
const When = z.string();

export const BACKUP_FORMAT = 'hdc-ops-backup';
export const BACKUP_FORMAT_VERSION = 1;

const BackupTableSchema = z.object({
  name: z.string().regex(/^[a-z_]{1,63}$/),
  rows: Count,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A snapshot's manifest, as hdc_backup_start returns it. */
export const SnapshotManifestSchema = z.object({
  site: z.string(),
  schemaVersion: z.number().int().positive(),
  snapshotAt: When,
  includesTelemetry: z.boolean(),
  tables: z.array(BackupTableSchema),
});
export type SnapshotManifest = z.infer<typeof SnapshotManifestSchema>;

/** The first line of a backup file. */
export const BackupHeaderSchema = SnapshotManifestSchema.extend({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  backupId: z.string(),
  createdBy: z.string(),
  kind: BackupRecordSchema.shape.kind,
  hdcOpsVersion: z.string(),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

/** The last line: SHA-256 over every byte before it (the header and the rows, newlines included). */
export const BackupTrailerSchema = z.object({ payloadSha256: z.string().regex(/^[0-9a-f]{64}$/), totalRows: Count });

/** A row's object is checked for being one, not field by field: the database types every column when it is restored. */
const RowObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'must be an object' },
);
export const TransferRowSchema = z.object({ seq: Count, table: z.string(), row: RowObject });
export type TransferRow = z.infer<typeof TransferRowSchema>;

/** Rows of a backup file as its lines ({seq, table, row} as JSON, newline-separated), and how many. */
export interface BackupLines {
  text: string;
  rows: number;
}

export const SiteFiguresSchema = z.object({
  schemaVersion: z.number().int().nullable(),
  tables: z.record(z.string(), z.object({ rows: Count, contentHash: z.string() })),
});
export type SiteFigures = z.infer<typeof SiteFiguresSchema>;

export const RestoreAppliedSchema = z.object({
  rowsBefore: z.record(z.string(), Count),
  rowsAfter: z.record(z.string(), Count),
  /** Each table's rows and content hash as the restore's transaction measured them, before its own audit row. */
  measured: z.record(z.string(), z.object({ rows: Count, contentHash: z.string() })),
  verified: z.literal(true),
});
export type RestoreApplied = z.infer<typeof RestoreAppliedSchema>;
