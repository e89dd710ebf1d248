import { applyRestore, comparePlan, takeBackup } from '../../ops/backup-runner';
import type { RestorePlan } from '../../ops/backup-runner';
import { verifyBackupFile } from '../../ops/backup-file';
import { restoreUnderHold, withSiteHold } from '../../ops/site-restore';
import type { HeldRestoreOutcome } from '../../ops/site-restore';
import { isAppError } from '../../shared/app-error';
import { readMigrationFiles } from '../../store/migration-files';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { cliActor } from '../cli-actor';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { absolute, automaticBackupFile, progressLines } from './operations-commands';

/** Restore and rollback: a backup put back into the site under its hold (src/ops/site-restore.ts). */

function planText(plan: RestorePlan): string {
  return (
    table([
      ['table', 'rows now', 'rows in backup', 'changes'],
      ...plan.tables.map((t) => [t.name, String(t.rowsNow), String(t.rowsInBackup), t.changes ? 'yes' : 'no']),
    ]) + (plan.keptAsIs.length > 0 ? `\nLeft as they are (not in the backup): ${plan.keptAsIs.join(', ')}` : '')
  );
}

/** What restore and rollback print with --json. */
function outcomeJson(site: string, file: string, outcome: HeldRestoreOutcome) {
  return {
    site,
    file,
    preRestoreBackup: outcome.preRestoreBackup,
    applied: outcome.applied,
    restoreMs: outcome.restoreMs,
    heldMs: outcome.heldMs,
  };
}

const heldFor = (outcome: HeldRestoreOutcome) =>
  `The site's other calls were held for ${(outcome.heldMs / 1000).toFixed(1)} s.`;

/** `hdc-ops restore FILE [--dry-run] [--replace] [--json]`. */
export async function restoreCommand(
  io: CliIo,
  file: string,
  options: SessionOptions & { dryRun?: boolean; replace?: boolean; json: boolean },
): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const store = session.services.operations.store;
    const path = absolute(file);
    const backup = await verifyBackupFile(path);
    const plan = await comparePlan(store, backup, path, session.site);
    if (options.dryRun) {
      emit(
        io,
        options.json,
        { dryRun: true, site: plan.site, tables: plan.tables, keptAsIs: plan.keptAsIs },
        () => `Dry run: restoring ${file} into ${plan.site} would change:\n${planText(plan)}\nNothing was changed.`,
      );
      return;
    }
    if (plan.rowsNow > 0 && !options.replace) {
      const counts = plan.tables
        .filter((t) => t.rowsNow > 0)
        .map((t) => `${t.name} ${t.rowsNow}→${t.rowsInBackup}`)
        .join(', ');
      throw new ExitError(
        2,
        `Site ${plan.site} already holds ${plan.rowsNow} rows (${counts})`,
        `To replace them with the backup, run again with --replace (a pre-restore backup is taken first). See what changes: hdc-ops restore ${file} --dry-run`,
      );
    }
    const outcome = await restoreUnderHold(store, backup, path, {
      site: session.site,
      actor: cliActor(),
      kind: 'restore',
      replace: options.replace === true,
      preRestoreFile: () => automaticBackupFile(session, 'pre_restore'),
      progress: progressLines(io),
      note: (line) => io.err(line),
    });
    emit(
      io,
      options.json,
      outcomeJson(session.site, path, outcome),
      () =>
        `Restored ${backup.totalRows} rows of ${file} into ${session.site}; every table verified against the manifest.` +
        (outcome.preRestoreBackup ? `\nThe data it replaced is in ${outcome.preRestoreBackup}.` : '') +
        `\n${heldFor(outcome)}`,
    );
  });
}

/** `hdc-ops rollback --backup FILE [--json]`: back to a pre-upgrade backup, across a schema change when needed. */
export async function rollbackCommand(
  io: CliIo,
  options: SessionOptions & { backup?: string; json: boolean },
): Promise<void> {
  if (options.backup === undefined)
    throw new ExitError(2, 'rollback needs --backup FILE', 'hdc-ops rollback --backup .hdc/backups/<pre-upgrade file>');
  const file = absolute(options.backup);
  await withCliSession(
    io,
    options,
    async (session) => {
      const admin = session.admin('rollback');
      const store = session.services.operations.store;
      const actor = cliActor();
      const backup = await verifyBackupFile(file);
      const migrations = await admin.planMigrations().catch((error: unknown) => {
        // A database newer than this build: its history names migrations this build does not have.
        if (isAppError(error) && error.code === 'conflict') return null;
        throw error;
      });
      const target = readMigrationFiles().at(-1)?.version ?? 0;
      if (backup.header.schemaVersion !== target) {
        throw new ExitError(
          2,
          `${file} has schema version ${backup.header.schemaVersion}; this build of hdc-ops has ${target}`,
          'Run the rollback with the hdc-ops version that took the backup (the one you are rolling back to).',
        );
      }
      if (migrations !== null && migrations.schemaVersion === target) {
        if (migrations.functions.length > 0) {
          io.err(
            `Putting back this build's ${migrations.functions.length} function file(s): ${migrations.functions.join(', ')}`,
          );
          await admin.migrate();
        }
        const outcome = await restoreUnderHold(store, backup, file, {
          site: session.site,
          actor,
          kind: 'rollback',
          replace: true,
          preRestoreFile: () => automaticBackupFile(session, 'pre_restore'),
          progress: progressLines(io),
          note: (line) => io.err(line),
        });
        emit(
          io,
          options.json,
          { ...outcomeJson(session.site, file, outcome), schemaReset: false, parity: outcome.applied.verified },
          () =>
            `Rolled back ${session.site} to ${file}; every table verified against the backup.` +
            (outcome.preRestoreBackup ? `\nThe data it replaced is in ${outcome.preRestoreBackup}.` : '') +
            `\n${heldFor(outcome)}`,
        );
        return;
      }
      const sites = await admin.sitesWithData();
      const others = sites.filter((site) => site !== session.site);
      if (others.length > 0) {
        throw new ExitError(
          1,
          `The database holds ${others.length} other site(s); a rollback across a schema change would drop their data`,
          "Roll back the whole database with the provider's point-in-time recovery, or restore each site's backup after migrating.",
        );
      }
      const started = performance.now();
      const outcome = await withSiteHold(store, actor, 'rollback', async (held, hold) => {
        let preRollback: string;
        try {
          preRollback = automaticBackupFile(session, 'pre_restore');
          io.err(
            `The database is at a newer schema. Holding ${session.site} and taking a backup of it first: ${preRollback}`,
          );
          await takeBackup(held, {
            file: preRollback,
            actor,
            kind: 'pre_restore',
            includeTelemetry: true,
            progress: progressLines(io),
          });
        } catch (error) {
          // Without this backup the newer schema's data would be in no file: stop before anything changes.
          throw new ExitError(
            1,
            `Rollback stopped: the backup of the newer schema could not be taken (${(error as Error).message}). Nothing was changed.`,
            `Fix what stopped the backup (the backup folder ${session.config.backupDir}: room, permissions; the database), then run the rollback again.`,
          );
        }
        io.err(`Resetting the schema to version ${target} (one transaction)…`);
        await admin.resetAndMigrate({
          site: session.site,
          token: hold.token,
          kind: hold.kind,
          heldBy: actor,
          since: hold.since,
        });
        const plan = await comparePlan(held, backup, file, session.site);
        io.err(`Restoring ${backup.totalRows} rows into ${session.site} in one transaction…`);
        const result = await applyRestore(held, plan, actor, progressLines(io));
        return { ...result, plan, preRestoreBackup: preRollback, heldMs: performance.now() - started };
      });
      // The restore's transaction checked every table against the backup (rows and content hashes): parity, or nothing changed.
      emit(
        io,
        options.json,
        { ...outcomeJson(session.site, file, outcome), schemaReset: true, parity: outcome.applied.verified },
        () =>
          `Rolled back ${session.site} to ${file} (schema reset to version ${target}); every table verified against the backup.` +
          `\nThe data of the newer schema is in ${outcome.preRestoreBackup}.\n${heldFor(outcome)}`,
      );
    },
    'any',
  );
}
