import { Command, CommanderError, Option } from 'commander';
import { isAppError } from '../shared/app-error';
import type { CliIo } from './cli-io';
import { logFileOf, processIo } from './cli-io';
import {
  cleanupExecuteCommand,
  cleanupPlanCommand,
  cleanupRestoreCommand,
  cleanupScanCommand,
  cleanupStatusCommand,
} from './commands/cleanup-commands';
import type { CleanupCommandOptions } from './commands/cleanup-commands';
import { demoCommand } from './commands/demo-command';
import { migrateCommand } from './commands/migrate-command';
import {
  backupCommand,
  drillCommand,
  healthCommand,
  opsSummaryCommand,
  readinessCheckCommand,
} from './commands/operations-commands';
import { restoreCommand, rollbackCommand } from './commands/recovery-commands';
import { registryListCommand } from './commands/registry-command';
import { seedCommand } from './commands/seed-command';
import { ESCALATION_NOTE_MAX, ESCALATION_NOTE_MIN } from '../contract/escalation-note';
import { auditListCommand, syncEscalateCommand, syncRunCommand, syncStatusCommand } from './commands/sync-command';
import {
  dryRunCommand,
  operatorCommand,
  sampleCommand,
  telemetryFoldCommand,
  weeklyCheckCommand,
} from './commands/verification-commands';
import { ExitError } from './exit-error';

const json = () => new Option('--json', 'print machine-readable JSON').default(false);

/** The command table; each command is one async function in commands/. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('hdc-ops')
    .description('HDC Ops operator CLI. Exit codes: 0 ok, 1 failed, 2 bad usage or config.')
    .exitOverride()
    .showHelpAfterError(true)
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .option(
      '--site <ari>',
      'the Confluence site to act for, as Forge writes it (ari:cloud:confluence::site/<cloud id>); default HDC_SITE_ID, else the local site',
    );

  /** The program's own options (--site), which every command takes with its own. */
  const globals = () => program.opts<{ site?: string }>();

  program
    .command('migrate')
    .description('apply pending database migrations (a pre-upgrade backup of each site first)')
    .option('--plan', 'list what would be applied; change nothing')
    .option('--no-backup', 'skip the pre-upgrade backup')
    .addOption(json())
    .action((options: Parameters<typeof migrateCommand>[1]) => migrateCommand(io, { ...options, ...globals() }));

  program
    .command('seed')
    .description('seed the demo HDC (--demo) or bulk benchmark data (--events N --hacks M)')
    .option('--demo', 'the demo HDC: a parent page, ~8 events across lifecycles, admins, hacks (some invalid)')
    .option('--events <n>', 'bulk: number of events')
    .option('--hacks <m>', 'bulk: submitted hacks per event')
    .option('--parent-page-id <id>', 'bulk: parent page of the events', undefined)
    .addOption(json())
    .action((options: Parameters<typeof seedCommand>[1]) => seedCommand(io, { ...options, ...globals() }));

  program
    .command('demo')
    .description(
      'migrate, seed the demo when empty, and show its registry in the terminal (npm start serves the macros)',
    )
    .addOption(json())
    .action((options: Parameters<typeof demoCommand>[1]) => demoCommand(io, { ...options, ...globals() }));

  const registry = program.command('registry').description('events under an HDC parent page');
  registry
    .command('list')
    .description('one page of the events, by name')
    .option('--parent-page-id <id>', "the HDC parent page (default HDC_PARENT_PAGE_ID, else the demo's)")
    .option('--cursor <cursor>', 'the next page: the --cursor value the previous page printed')
    .option('--limit <n>', 'events per page (1-100, default 25)')
    .addOption(json())
    .action((options: Parameters<typeof registryListCommand>[1]) =>
      registryListCommand(io, { ...options, ...globals() }),
    );

  const sync = program.command('sync').description('Complete + Sync, Retry Sync and sync status');
  sync
    .command('status')
    .description('sync state of an event: by its id or its Confluence page')
    .option('--event-id <id>', 'the event (a UUID)')
    .option('--page-id <id>', "the event's Confluence page id")
    .addOption(json())
    .action((options: Parameters<typeof syncStatusCommand>[1]) => syncStatusCommand(io, { ...options, ...globals() }));
  sync
    .command('complete')
    .description('Complete + Sync (makes the event read-only); exit 1 if the sync ends partial or failed')
    .requiredOption('--event-id <id>', 'the event (a UUID)')
    .requiredOption('--as-account <accountId>', 'local runs only: act as this account')
    .option('--end-early', 'confirm ending an event still in hacking or voting (audited as an early completion)')
    .addOption(json())
    .action((options: Parameters<typeof syncRunCommand>[2]) =>
      syncRunCommand(io, 'complete', { ...options, ...globals() }),
    );
  sync
    .command('retry')
    .description('Retry Sync (every submitted hack not yet in the library); exit 1 if it ends partial or failed')
    .requiredOption('--event-id <id>', 'the event (a UUID)')
    .requiredOption('--as-account <accountId>', 'local runs only: act as this account')
    .addOption(json())
    .action((options: Parameters<typeof syncRunCommand>[2]) =>
      syncRunCommand(io, 'retry', { ...options, ...globals() }),
    );
  sync
    .command('escalate')
    .description('record the escalation note that allows one more Retry Sync after repeated failures')
    .requiredOption('--event-id <id>', 'the event (a UUID)')
    .requiredOption(
      '--note <text>',
      `what you checked and who you told (${ESCALATION_NOTE_MIN}-${ESCALATION_NOTE_MAX} characters)`,
    )
    .requiredOption('--as-account <accountId>', 'local runs only: act as this account')
    .addOption(json())
    .action((options: Parameters<typeof syncEscalateCommand>[1]) =>
      syncEscalateCommand(io, { ...options, ...globals() }),
    );

  const audit = program.command('audit').description('audit log of an event');
  audit
    .command('list')
    .description("the event's audit rows, newest first (its admins and HDC operators)")
    .requiredOption('--event-id <id>', 'the event (a UUID)')
    .requiredOption('--as-account <accountId>', 'local runs only: read as this account')
    .addOption(json())
    .action((options: Parameters<typeof auditListCommand>[1]) => auditListCommand(io, { ...options, ...globals() }));

  program
    .command('dry-run')
    .description('integrity dry-run of the canonical events (read-only); exit 1 on a defect')
    .option('--event-query <prefix>', 'case-insensitive prefix of event names (default HDC_CANONICAL_EVENT_QUERY)')
    .addOption(json())
    .action((options: Parameters<typeof dryRunCommand>[1]) => dryRunCommand(io, { ...options, ...globals() }));

  program
    .command('weekly-check')
    .description('generate and store the weekly verification report; exit 1 on FAIL')
    .addOption(new Option('--format <format>', 'output (default text)').choices(['text', 'markdown', 'json']))
    .option('--json', 'the same as --format json')
    .action((options: Parameters<typeof weeklyCheckCommand>[1]) =>
      weeklyCheckCommand(io, { ...options, ...globals() }),
    );

  program
    .command('sample')
    .description('one run of the scheduled telemetry sampler (probes, thresholds, pruning)')
    .addOption(json())
    .action((options: Parameters<typeof sampleCommand>[1]) => sampleCommand(io, { ...options, ...globals() }));

  const telemetry = program.command('telemetry').description('the telemetry rollups the weekly report reads');
  telemetry
    .command('fold')
    .description('fold pending raw telemetry into the 5-minute and hourly rollups (the sampler does it hourly)')
    .addOption(json())
    .action((options: { json: boolean }) => telemetryFoldCommand(io, { ...options, ...globals() }));

  const cleanup = program
    .command('cleanup')
    .description(
      'orphan-page cleanup (HDC operators): scan, plan, execute, status, restore; Confluence through CONFLUENCE_BASE_URL / CONFLUENCE_EMAIL / CONFLUENCE_API_TOKEN',
    );
  const acting = () =>
    new Option('--as-account <accountId>', "the HDC operator acting (the API token's owner)").makeOptionMandatory();
  const run =
    (command: (io: CliIo, options: CleanupCommandOptions) => Promise<void>) => (options: CleanupCommandOptions) =>
      command(io, { ...options, ...globals() });
  cleanup
    .command('scan')
    .description('find orphan pages, dangling events and duplicate references under the HDC parent page')
    .addOption(acting())
    .option('--parent-page-id <id>', 'the HDC parent page (default HDC_PARENT_PAGE_ID)')
    .option('--scan-id <id>', 'resume this scan')
    .addOption(json())
    .action(run(cleanupScanCommand));
  cleanup
    .command('plan')
    .description('make a plan from the latest scan; prints its hash for execute')
    .addOption(acting())
    .option('--scan-id <id>', 'plan from this complete scan (default: the latest)')
    .option('--trash <pageId...>', 'orphan pages to move to the trash')
    .option('--all-orphans', 'every orphan page of the latest scan')
    .option('--relink <eventId=pageId...>', 'point a dangling or duplicate event at another page')
    .option('--clear <eventId...>', "remove a dangling or duplicate event's page reference")
    .addOption(json())
    .action(run(cleanupPlanCommand));
  cleanup
    .command('execute')
    .description("run a plan as the token's owner (leaves first; resumable); exit 1 if an item failed")
    .addOption(acting())
    .requiredOption('--plan-id <id>', 'the plan, as printed by plan')
    .requiredOption('--hash <hash>', "the plan's hash, as printed by plan")
    .addOption(json())
    .action(run(cleanupExecuteCommand));
  cleanup
    .command('status')
    .description("a plan's items and outcomes, or the latest plans")
    .addOption(acting())
    .option('--plan-id <id>', 'this plan (default: the latest plans)')
    .addOption(json())
    .action(run(cleanupStatusCommand));
  cleanup
    .command('restore')
    .description(
      'put back what an execution trashed or relinked, each page under its parent; exit 1 if Confluence refused an item (it stays restorable)',
    )
    .addOption(acting())
    .requiredOption('--plan-id <id>', 'the executed plan')
    .addOption(json())
    .action(run(cleanupRestoreCommand));

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
  return program;
}

/** `hdc-ops sync complete`: the command's path from the program down. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** An error as the CLI reports it: text on stderr, or with --json one object on stdout. */
interface Failure {
  exitCode: 1 | 2;
  code: string;
  message: string;
  guidance?: string | undefined;
}

function failureOf(error: unknown, io: CliIo): Failure {
  if (error instanceof CommanderError) {
    return { exitCode: 2, code: 'usage', message: error.message.replace(/^error: /, ''), guidance: 'See --help.' };
  }
  if (error instanceof ExitError) {
    return { exitCode: error.exitCode, code: error.code, message: error.message, guidance: error.guidance };
  }
  if (isAppError(error)) return { exitCode: 1, code: error.code, message: error.message, guidance: error.guidance };
  // A bug: its detail goes to the log, not to the person (it may hold internals).
  io.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return {
    exitCode: 1,
    code: 'internal',
    message: 'hdc-ops failed on something it did not expect',
    guidance: `The detail is in the log (${logFileOf(io.env)}); report it to the HDC Ops team.`,
  };
}

/** --json anywhere among the arguments (or --format json): errors are machine-readable too. */
const wantsJson = (argv: readonly string[]) =>
  argv.includes('--json') ||
  argv.includes('--format=json') ||
  argv.some((arg, index) => arg === '--format' && argv[index + 1] === 'json');

/** Runs the CLI and returns its exit code; errors are translated here and nowhere else. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let running = 'hdc-ops';
  const json = wantsJson(argv);
  // With --json, stdout holds one JSON document: the result, or else the error. A command that
  // printed its result and then fails its check (a partial sync, a failed drill) says why on stderr.
  const output = { printed: false };
  const counted: CliIo = {
    ...io,
    out: (text) => {
      output.printed = true;
      io.out(text);
    },
  };
  try {
    const program = buildProgram(counted);
    program.hook('preAction', (_program, command) => {
      running = commandPath(command);
    });
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    const failure = failureOf(error, io);
    if (json && !output.printed) {
      io.out(
        JSON.stringify(
          {
            error: {
              code: failure.code,
              message: failure.message,
              ...(failure.guidance ? { guidance: failure.guidance } : {}),
            },
          },
          null,
          2,
        ),
      );
    } else if (!(error instanceof CommanderError)) {
      const label = error instanceof ExitError ? 'error' : `error [${failure.code}]`;
      const help = failure.exitCode === 2 ? `\n  help: ${running} --help` : '';
      io.err(`${label}: ${failure.message}${failure.guidance ? `\n  what to do: ${failure.guidance}` : ''}${help}`);
    }
    return failure.exitCode;
  }
}

export function main(): void {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
