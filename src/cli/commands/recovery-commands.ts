import type { RestorePlan } from '../../ops/backup-runner';
import { verifyBackupFile } from '../../ops/backup-file';
import { restoreRefusal, rollbackRefusal } from '../../ops/recovery-service';
import type { HeldRestoreOutcome } from '../../ops/site-restore';
import { isAppError } from '../../shared/app-error';
import { readMigrationFiles } from '../../store/migration-files';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { cliActor } from '../cli-actor';
import { withCliSession } from '../cli-session';
import type { CliSession, SessionOptions } from '../cli-session';
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

/** Who runs a recovery from the CLI, where its automatic backups go, and where its progress is told. */
const recoveryRun = (io: CliIo, session: CliSession) => ({
  actor: cliActor(),
  automaticBackupFile: () => automaticBackupFile(session, 'pre_restore'),
  progress: progressLines(io),
  note: (line: string) => io.err(line),
});

const heldFor = (outcome: HeldRestoreOutcome) =>
  `The site's other calls were held for ${(outcome.heldMs / 1000).toFixed(1)} s.`;

/** `hdc-ops restore FILE [--dry-run] [--replace] [--json]`. */
export async function restoreCommand(
  io: CliIo,
  file: string,
  options: SessionOptions & { dryRun?: boolean; replace?: boolean; json: boolean },
): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const recovery = session.services.recovery;
    const plan = await recovery.planRestore(absolute(file));
    if (options.dryRun) {
      emit(
        io,
        options.json,
        { dryRun: true, site: plan.site, tables: plan.tables, keptAsIs: plan.keptAsIs },
        () => `Dry run: restoring ${file} into ${plan.site} would change:\n${planText(plan)}\nNothing was changed.`,
      );
      return;
    }
    // Told before the site is held; the restore checks the same rule again under its hold.
    const refusal = restoreRefusal(plan, options.replace === true);
    if (refusal) throw new ExitError(2, refusal.message, refusal.guidance);
    const outcome = await recovery.restore(plan, {
      ...recoveryRun(io, session),
      replace: options.replace === true,
    });
    emit(
      io,
      options.json,
      outcomeJson(session.site, plan.file, outcome),
      () =>
        `Restored ${plan.backup.totalRows} rows of ${file} into ${session.site}; every table verified against the manifest.` +
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
      const backup = await verifyBackupFile(file);
      const targetVersion = readMigrationFiles().at(-1)?.version ?? 0;
      const refusal = rollbackRefusal(backup, file, targetVersion);
      if (refusal) throw new ExitError(2, refusal.message, refusal.guidance);
      const admin = session.admin('rollback');
      const outcome = await session.services.recovery.rollback(
        backup,
        file,
        {
          targetVersion,
          // A database newer than this build: its history names migrations this build does not have.
          planMigrations: () =>
            admin.planMigrations().catch((error: unknown) => {
              if (isAppError(error) && error.code === 'conflict') return null;
              throw error;
            }),
          migrate: () => admin.migrate(),
          sitesWithData: () => admin.sitesWithData(),
          resetAndMigrate: (hold) => admin.resetAndMigrate(hold),
        },
        recoveryRun(io, session),
      );
      // The restore's transaction checked every table against the backup (rows and content hashes): parity, or nothing changed.
      emit(
        io,
        options.json,
        {
          ...outcomeJson(session.site, file, outcome),
          schemaReset: outcome.schemaReset,
          parity: outcome.applied.verified,
        },
        () =>
          outcome.schemaReset
            ? `Rolled back ${session.site} to ${file} (schema reset to version ${targetVersion}); every table verified against the backup.` +
              `\nThe data of the newer schema is in ${outcome.preRestoreBackup ?? 'no file'}.\n${heldFor(outcome)}`
            : `Rolled back ${session.site} to ${file}; every table verified against the backup.` +
              (outcome.preRestoreBackup ? `\nThe data it replaced is in ${outcome.preRestoreBackup}.` : '') +
              `\n${heldFor(outcome)}`,
      );
    },
    'any',
  );
}
