import type { Command } from 'commander';
import {
  alertsAckCommand,
  alertsConfigureCommand,
  alertsEvaluateCommand,
  alertsListCommand,
  alertsResolveCommand,
} from '../commands/alert-commands';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The alert commands: list, acknowledge, resolve (HDC operators), and one evaluation now. */
export function registerAlertCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
  const alerts = program.command('alerts').description('alerts: firing → acknowledged → resolved (HDC operators)');
  alerts
    .command('list')
    .description('the open alerts, the most severe first, with their response and resolution SLAs')
    .requiredOption('--as-account <accountId>', 'the HDC operator reading them')
    .option('--all', 'the latest resolved alerts too')
    .addOption(json())
    .action((options: { asAccount: string; all?: boolean; json: boolean }) =>
      alertsListCommand(io, { ...options, ...globals() }),
    );
  alerts
    .command('ack')
    .description('acknowledge an alert (audited)')
    .argument('<alertId>', 'the alert, as alerts list shows it')
    .requiredOption('--as-account <accountId>', 'the HDC operator acknowledging it')
    .addOption(json())
    .action((id: string, options: { asAccount: string; json: boolean }) =>
      alertsAckCommand(io, id, { ...options, ...globals() }),
    );
  alerts
    .command('resolve')
    .description('resolve an alert (audited); the next evaluation opens a new one if its condition is back')
    .argument('<alertId>', 'the alert, as alerts list shows it')
    .requiredOption('--as-account <accountId>', 'the HDC operator resolving it')
    .option('--note <text>', 'what was done (at most 2000 characters)')
    .addOption(json())
    .action((id: string, options: { asAccount: string; note?: string; json: boolean }) =>
      alertsResolveCommand(io, id, { ...options, ...globals() }),
    );
  alerts
    .command('evaluate')
    .description('one alert evaluation now, then its delivery through Confluence, as the five-minute trigger runs them')
    .addOption(json())
    .action((options: { json: boolean }) => alertsEvaluateCommand(io, { ...options, ...globals() }));
  alerts
    .command('configure')
    .description(
      'where alerts (incident pages, the standing "HDC alerts" page) and weekly reports are published (audited)',
    )
    .requiredOption('--ops-page <pageId>', 'the operations page, or none: nothing is published without one')
    .option('--report-page <pageId>', 'the page weekly reports are published under (default: the operations page)')
    .requiredOption('--as-account <accountId>', 'the HDC operator configuring it')
    .addOption(json())
    .action((options: { asAccount: string; opsPage: string; reportPage?: string; json: boolean }) =>
      alertsConfigureCommand(io, { ...options, ...globals() }),
    );
}
