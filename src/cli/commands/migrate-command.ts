import { countOf } from '../../contract/plural';
import type { CliIo } from '../cli-io';
import { emit } from '../cli-io';
import { cliActor } from '../cli-actor';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { SiteIdSchema } from '../../shared/site';
import { ExitError } from '../exit-error';
import { automaticBackupFile, progressLines } from './operations-commands';

/** Migration 0004 brought the backup functions: a database before it cannot back itself up. */
const FIRST_SCHEMA_WITH_BACKUPS = 4;

export interface MigrateOptions extends SessionOptions {
  json: boolean;
  plan?: boolean;
  /** Commander's --no-backup: false when given. */
  backup?: boolean;
}

/**
 * `hdc-ops migrate [--plan] [--no-backup]`: numbered migrations, then changed function files, in
 * one transaction. Before an upgrade of a database with data, each site with rows is backed up
 * (the paths are printed: `hdc-ops rollback --backup FILE` with the previous version undoes it).
 */
export async function migrateCommand(io: CliIo, options: MigrateOptions): Promise<void> {
  await withCliSession(
    io,
    options,
    async (session) => {
      const admin = session.admin('migrate');
      const plan = await admin.planMigrations();
      if (options.plan) {
        emit(io, options.json, plan, () =>
          plan.pending.length === 0 && plan.functions.length === 0
            ? `Nothing to apply: schema ${plan.schemaVersion ?? 'none'} is this build's, every function current.`
            : [
                `Schema ${plan.schemaVersion ?? 'none (empty database)'} → ${plan.targetVersion}.`,
                ...plan.pending.map((file) => `  would apply ${file}`),
                ...(plan.functions.length === 0
                  ? []
                  : [
                      `  would (re)apply ${countOf(plan.functions.length, 'function file', 'function files')}: ${plan.functions.join(', ')}`,
                    ]),
                'Nothing was changed. Run hdc-ops migrate to apply (a pre-upgrade backup is taken first).',
              ].join('\n'),
        );
        return;
      }
      const backups: string[] = [];
      const upgrading = plan.schemaVersion !== null && (plan.pending.length > 0 || plan.functions.length > 0);
      if (upgrading && options.backup !== false) {
        const sites = await admin.sitesWithData();
        if (sites.length > 0 && plan.schemaVersion !== null && plan.schemaVersion < FIRST_SCHEMA_WITH_BACKUPS) {
          throw new ExitError(
            1,
            `The database is at schema ${plan.schemaVersion}, older than backups (schema ${FIRST_SCHEMA_WITH_BACKUPS})`,
            "Back it up with pg_dump (or the provider's backups), then run hdc-ops migrate --no-backup.",
          );
        }
        for (const site of sites) {
          const file = automaticBackupFile(session, 'pre_upgrade', site);
          io.err(`Pre-upgrade backup of ${site}: ${file}`);
          const services = session.servicesFor(SiteIdSchema.parse(site));
          await services.recovery.backup({
            file,
            actor: cliActor(),
            kind: 'pre_upgrade',
            includeTelemetry: true,
            progress: progressLines(io),
          });
          backups.push(file);
        }
      }
      const report = await admin.migrate();
      emit(io, options.json, { ...report, preUpgradeBackups: backups }, () =>
        report.applied.length === 0 && report.functions.length === 0
          ? `Database is up to date (${countOf(report.alreadyApplied, 'migration', 'migrations')} applied earlier, every function current).`
          : [
              ...backups.map(
                (file) =>
                  `pre-upgrade backup: ${file} (undo: hdc-ops rollback --backup ${file}, with the previous version)`,
              ),
              ...report.applied.map((file) => `applied ${file}`),
              ...(report.functions.length === 0
                ? []
                : [
                    `applied ${countOf(report.functions.length, 'function file', 'function files')}: ${report.functions.join(', ')}`,
                  ]),
              `${countOf(report.applied.length, 'migration', 'migrations')} applied now, ${report.alreadyApplied} earlier.`,
            ].join('\n'),
      );
    },
    'any',
  );
}
