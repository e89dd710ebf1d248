import type { Command } from 'commander';
import { demoCommand } from '../commands/demo-command';
import { migrateCommand } from '../commands/migrate-command';
import { registryListCommand } from '../commands/registry-command';
import { seedCommand } from '../commands/seed-command';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The commands of migrate, seed, demo and the registry. */
export function registerSetupCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
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
}
