import type { Command } from 'commander';
import {
  backupCommand,
  drillCommand,
  healthCommand,
  opsSummaryCommand,
  readinessCheckCommand,
} from '../commands/operations-commands';
import { restoreCommand, rollbackCommand } from '../commands/recovery-commands';
import { operatorCommand } from '../commands/verification-commands';
import { ExitError } from '../exit-error';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The commands of readiness, the ops summary, backup, restore, drill, rollback, readiness check and operators. */
export function registerOperationsCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
  program
    .command('health')
    .description(
      'readiness as application/health+json (database, schema, Confluence, sampler and backup freshness); exit 1 on fail',
    )
    .addOption(json())
    .action((options: { json: boolean }) => healthCommand(io, { ...options, ...globals() }));

  const ops = program.command('ops').description('operations of HDC operators');
  ops
    .command('summary')
    .description('backlog and SLO posture in one read (audited; HDC operators only)')
    .requiredOption('--as-account <accountId>', 'the HDC operator reading it')
    .addOption(json())
    .action((options: { asAccount: string; json: boolean }) => opsSummaryCommand(io, { ...options, ...globals() }));

  program
    .command('backup')
    .description('a consistent, verified backup file of the site (gzip, with a manifest and checksums)')
    .requiredOption('--out <file>', 'where to write it (not inside the data folder)')
    .option('--force', 'replace the file if it exists')
    .option('--no-telemetry', 'leave the raw telemetry rows out (rollups are kept)')
    .addOption(json())
    .action((options: { out: string; force?: boolean; telemetry: boolean; json: boolean }) =>
      backupCommand(io, { ...options, ...globals() }),
    );

  program
    .command('restore')
    .description('restore a backup file into the site in one transaction (checksum, schema and parity checked)')
    .argument('<file>', 'a file written by hdc-ops backup')
    .option('--dry-run', 'report what would change; change nothing')
    .option('--replace', "replace the site's data (a pre-restore backup is taken first)")
    .addOption(json())
    .action((file: string, options: { dryRun?: boolean; replace?: boolean; json: boolean }) =>
      restoreCommand(io, file, { ...options, ...globals() }),
    );

  program
    .command('drill')
    .description(
      'recovery drill: backup, restore into a scratch database, parity, reads compared, RTO/RPO; exit 1 on failure',
    )
    .option('--markdown <file>', 'where to write the report (default <HDC_BACKUP_DIR>/drill-report.md; JSON beside it)')
    .option('--force', 'replace the --markdown file and its JSON if they exist')
    .addOption(json())
    .action((options: { json: boolean; markdown?: string; force?: boolean }) =>
      drillCommand(io, { ...options, ...globals() }),
    );

  program
    .command('rollback')
    .description('roll the site back to a pre-upgrade backup (run with the version that took it)')
    .requiredOption('--backup <file>', 'the pre-upgrade backup migrate printed')
    .addOption(json())
    .action((options: { backup: string; json: boolean }) => rollbackCommand(io, { ...options, ...globals() }));

  program
    .command('readiness-check')
    .description('launch readiness: drill, health, integrity dry-run and ops summary; one verdict, one report')
    .requiredOption('--as-account <accountId>', 'the HDC operator running it (reads the ops summary)')
    .option(
      '--report <file>',
      'where to write the report (default <HDC_BACKUP_DIR>/readiness-report.md; JSON beside it)',
    )
    .option('--force', 'replace the --report file and its JSON if they exist')
    .addOption(json())
    .action((options: { asAccount: string; json: boolean; report?: string; force?: boolean }) =>
      readinessCheckCommand(io, { ...options, ...globals() }),
    );

  program
    .command('operator')
    .description('HDC operators (may generate reports on demand)')
    .argument('<action>', 'add | remove | list')
    .argument('[accountId]', 'the Atlassian account id (add, remove)')
    .addOption(json())
    .action((action: string, accountId: string | undefined, options: { json: boolean }) => {
      if (action !== 'add' && action !== 'remove' && action !== 'list') {
        throw new ExitError(2, `Unknown operator action "${action.slice(0, 20)}"`, 'Use add, remove or list.');
      }
      return operatorCommand(io, action, accountId, { ...options, ...globals() });
    });
}
