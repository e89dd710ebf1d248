import type { Command } from 'commander';
import {
  alertsAckCommand,
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
    .description('one alert evaluation now, as the five-minute trigger runs it')
    .addOption(json())
    .action((options: { json: boolean }) => alertsEvaluateCommand(io, { ...options, ...globals() }));
}
