import { type Command, Option } from 'commander';
import {
  dryRunCommand,
  sampleCommand,
  telemetryFoldCommand,
  weeklyCheckCommand,
} from '../commands/verification-commands';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The commands of the integrity dry-run, the weekly report, the sampler and the telemetry fold. */
export function registerVerificationCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
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
}
