import type { Command } from 'commander';
import { siteEraseCommand, sitesListCommand } from '../commands/site-commands';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The database's sites: list them, and erase one's data when its customer leaves. */
export function registerSiteCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
  program
    .command('sites')
    .description("the database's sites")
    .command('list')
    .description('every site with rows: its row counts, installation, last activity, and whether it is inactive')
    .addOption(json())
    .action((options: { json: boolean }) => sitesListCommand(io, { ...options, ...globals() }));
  program
    .command('site')
    .description('one site of the database')
    .command('erase')
    .description('a final backup of the site (--site), then every row of it in one transaction, logged with no site')
    .requiredOption('--confirm <site>', 'the same site again: every row of it is erased')
    .addOption(json())
    .action((options: { confirm: string; json: boolean }) => siteEraseCommand(io, { ...options, ...globals() }));
}
