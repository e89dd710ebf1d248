import { countOf } from '../contract/plural';
import { AppError } from '../shared/app-error';
import type { VerifiedBackup } from './backup-file';
import { verifyBackupFile } from './backup-file';
import { applyRestore, comparePlan, takeBackup } from './backup-runner';
import type { BackupOptions, BackupResult, Progress, RestorePlan } from './backup-runner';
import type { DrillRecordInput, OperationsStore, SiteHold } from './operations-port';
import { restoreUnderHold, takePreRestoreBackup, withSiteHold } from './site-restore';
import type { HeldRestoreOutcome } from './site-restore';
import { eraseSite } from './site-erase';
import type { SiteErasure } from './site-erase';

/** What a rollback across a schema change needs of the database besides the site's own calls (local only). */
interface SchemaAdmin {
  /** This build's schema version (its latest numbered migration). */
  readonly targetVersion: number;
  /** The schema version the database is at and the function files that differ; null when it is newer than this build. */
  planMigrations(): Promise<{ schemaVersion: number | null; functions: string[] } | null>;
  migrate(): Promise<unknown>;
  sitesWithData(): Promise<string[]>;
  /** Drops the schema and migrates to this build's in one transaction, writing the hold into the new schema. */
  resetAndMigrate(hold: {
    site: string;
    token: string;
    kind: SiteHold['kind'];
    heldBy: string;
    since: string;
  }): Promise<unknown>;
}

interface RecoveryRun {
  actor: string;
  /** A new file for a backup the run takes itself (the pre-restore backup), asked for only when one is needed. */
  automaticBackupFile: () => string;
  progress?: Progress;
  note?: (line: string) => void;
}

interface RollbackOutcome extends HeldRestoreOutcome {
  /** Whether the schema was reset to this build's (the database was at a newer one). */
  schemaReset: boolean;
}

/** Backup, restore and rollback of one site: every rule of a recovery is here, the edges only parse and print. */
export interface RecoveryService {
  backup(options: BackupOptions): Promise<BackupResult>;
  /** The file checked (checksum, site, schema) and compared with the site's data, changing nothing. */
  planRestore(file: string): Promise<RestorePlan>;
  /** Under the site's hold: compared again, the site's rows backed up first, then applied in one transaction. */
  restore(plan: RestorePlan, run: RecoveryRun & { replace: boolean }): Promise<HeldRestoreOutcome>;
  /** Back to a backup of this build's schema, resetting a newer schema first (the newer data backed up first). */
  rollback(backup: VerifiedBackup, file: string, admin: SchemaAdmin, run: RecoveryRun): Promise<RollbackOutcome>;
  /** Every row of the site, after a final backup, under its hold (src/ops/site-erase.ts). */
  erase(run: { actor: string; file: string; progress?: Progress }): Promise<SiteErasure>;
  /** A drill's result, where readiness and the ops summary read it. */
  recordDrill(actor: string, drill: DrillRecordInput): Promise<number>;
}

/** A restore over rows the site holds needs the operator's word (--replace): why not, or null. */
export function restoreRefusal(plan: RestorePlan, replace: boolean): { message: string; guidance: string } | null {
  if (plan.rowsNow === 0 || replace) return null;
  const counts = plan.tables
    .filter((t) => t.rowsNow > 0)
    .map((t) => `${t.name} ${t.rowsNow}→${t.rowsInBackup}`)
    .join(', ');
  return {
    message: `Site ${plan.site} already holds ${plan.rowsNow} rows (${counts})`,
    guidance: `To replace them with the backup, run again with --replace (a pre-restore backup is taken first). See what changes: hdc-ops restore ${plan.file} --dry-run`,
  };
}

/** A rollback runs with the build that took the backup: why not, or null. */
export function rollbackRefusal(
  backup: VerifiedBackup,
  file: string,
  targetVersion: number,
): { message: string; guidance: string } | null {
  if (backup.header.schemaVersion === targetVersion) return null;
  return {
    message: `${file} has schema version ${backup.header.schemaVersion}; this build of hdc-ops has ${targetVersion}`,
    guidance: 'Run the rollback with the hdc-ops version that took the backup (the one you are rolling back to).',
  };
}

export function createRecoveryService(deps: { store: OperationsStore; site: string }): RecoveryService {
  const { store, site } = deps;
  const refuse = (refusal: { message: string; guidance: string }) =>
    new AppError('validation', refusal.message, { guidance: refusal.guidance, retryable: false });
  const optional = (run: RecoveryRun) => ({
    ...(run.progress ? { progress: run.progress } : {}),
    ...(run.note ? { note: run.note } : {}),
  });

  async function rollbackAcrossSchemas(
    backup: VerifiedBackup,
    file: string,
    admin: SchemaAdmin,
    run: RecoveryRun,
  ): Promise<RollbackOutcome> {
    const others = (await admin.sitesWithData()).filter((other) => other !== site);
    if (others.length > 0) {
      throw new AppError(
        'conflict',
        `The database holds ${countOf(others.length, 'other site', 'other sites')}; a rollback across a schema change would drop their data`,
        {
          guidance:
            "Roll back the whole database with the provider's point-in-time recovery, or restore each site's backup after migrating.",
          retryable: false,
        },
      );
    }
    const started = performance.now();
    return withSiteHold(store, run.actor, 'rollback', async (held, hold) => {
      let preRollback: string;
      try {
        preRollback = run.automaticBackupFile();
        run.note?.(
          `The database is at a newer schema. Holding ${site} and taking a backup of it first: ${preRollback}`,
        );
        await takePreRestoreBackup(held, preRollback, run.actor, run.progress);
      } catch (error) {
        // Without this backup the newer schema's data would be in no file: stop before anything changes.
        throw new AppError(
          'unavailable',
          `Rollback stopped: the backup of the newer schema could not be taken (${(error as Error).message}). Nothing was changed.`,
          {
            guidance:
              'Fix what stopped the backup (the backup folder: room, permissions; the database), then run the rollback again.',
            retryable: false,
            cause: error,
          },
        );
      }
      run.note?.(`Resetting the schema to version ${admin.targetVersion} (one transaction)…`);
      await admin.resetAndMigrate({ site, token: hold.token, kind: hold.kind, heldBy: run.actor, since: hold.since });
      const plan = await comparePlan(held, backup, file, site);
      run.note?.(`Restoring ${backup.totalRows} rows into ${site} in one transaction…`);
      const result = await applyRestore(held, plan, run.actor, run.progress);
      return {
        ...result,
        plan,
        preRestoreBackup: preRollback,
        heldMs: performance.now() - started,
        schemaReset: true,
      };
    });
  }

  return {
    backup: (options) => takeBackup(store, options),
    recordDrill: (actor, drill) => store.drillRecord(actor, drill),
    erase: (run) => eraseSite(store, run),
    async planRestore(file) {
      const started = performance.now();
      const backup = await verifyBackupFile(file);
      const plan = await comparePlan(store, backup, file, site);
      return { ...plan, checkMs: performance.now() - started };
    },
    restore(plan, run) {
      return restoreUnderHold(store, plan.backup, plan.file, {
        site,
        actor: run.actor,
        kind: 'restore',
        refusal: (now) => {
          const refusal = restoreRefusal(now, run.replace);
          return refusal && refuse(refusal);
        },
        preRestoreFile: run.automaticBackupFile,
        ...optional(run),
      });
    },
    async rollback(backup, file, admin, run) {
      const refusal = rollbackRefusal(backup, file, admin.targetVersion);
      if (refusal) throw refuse(refusal);
      const migrations = await admin.planMigrations();
      if (migrations?.schemaVersion !== admin.targetVersion) return rollbackAcrossSchemas(backup, file, admin, run);
      if (migrations.functions.length > 0) {
        run.note?.(
          `Putting back this build's ${countOf(migrations.functions.length, 'function file', 'function files')}: ${migrations.functions.join(', ')}`,
        );
        await admin.migrate();
      }
      const outcome = await restoreUnderHold(store, backup, file, {
        site,
        actor: run.actor,
        kind: 'rollback',
        refusal: () => null,
        preRestoreFile: run.automaticBackupFile,
        ...optional(run),
      });
      return { ...outcome, schemaReset: false };
    },
  };
}
