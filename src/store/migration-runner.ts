import { AppError } from '../shared/app-error';
import type { MigrationFile } from './migration-files';
import { readMigrationFiles } from './migration-files';
import type { SqlExecutor } from './sql-executor';

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

// Any constant works: it only has to be the same for every migrator of this database.
const MIGRATION_LOCK_KEY = 4_242_001;

const CREATE_LEDGER = `
  create table if not exists hdc_schema_migration (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;

/**
 * Applies each pending numbered migration once, in its own transaction, and records it with
 * its checksum. An applied migration whose file changed stops everything: editing history would
 * leave databases that ran the old text different from those that run the new one.
 */
export async function runMigrations(
  db: SqlExecutor,
  options: { files?: MigrationFile[]; onApplied?: (file: MigrationFile) => void } = {},
): Promise<MigrationReport> {
  const files = options.files ?? readMigrationFiles();
  await db.exec(CREATE_LEDGER);
  const applied = await db.query<AppliedRow>('select version, name, checksum from hdc_schema_migration order by version');
  verifyHistory(files, applied);

  const report: MigrationReport = { applied: [], alreadyApplied: applied.length };
  const done = new Set(applied.map((row) => row.version));
  for (const file of files.filter((candidate) => !done.has(candidate.version))) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      // Another migrator may have applied it while we waited for the lock.
      const already = await tx.query('select 1 from hdc_schema_migration where version = $1', [file.version]);
      if (already.length > 0) return false;
      await tx.exec(file.sql);
      await tx.query('insert into hdc_schema_migration (version, name, checksum) values ($1, $2, $3)', [
        file.version,
        file.name,
        file.checksum,
      ]);
      return true;
    });
    if (ran) {
      report.applied.push(file.fileName);
      options.onApplied?.(file);
    } else {
      report.alreadyApplied += 1;
    }
  }
  return report;
}

function verifyHistory(files: MigrationFile[], applied: AppliedRow[]): void {
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (file === undefined) {
      throw new AppError('conflict', `The database has migration ${String(row.version).padStart(4, '0')}_${row.name}, which this version of HDC Ops does not have`, {
        guidance: 'Run a version of hdc-ops at least as new as the one that migrated this database.',
        retryable: false,
      });
    }
    if (file.checksum !== row.checksum) {
      throw new AppError('conflict', `Migration ${file.fileName} was edited after it was applied (checksum differs)`, {
        guidance: `Restore ${file.fileName} to its applied text and put the change in a new numbered migration.`,
        retryable: false,
        details: { fileName: file.fileName },
      });
    }
  }
}
