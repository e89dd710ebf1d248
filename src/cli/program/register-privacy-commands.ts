import type { Command } from 'commander';
import { privacyEraseCommand, privacyReportCommand } from '../commands/privacy-commands';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** Personal data: the report to Atlassian now, and an operator's erasure of one person. */
export function registerPrivacyCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
  const privacy = program.command('privacy').description('personal data: report accounts to Atlassian, erase a person');
  privacy
    .command('report')
    .description(
      "report this site's stored accounts to Atlassian now (as the daily trigger does); closed ones are erased",
    )
    .addOption(json())
    .action((options: { json: boolean }) => privacyReportCommand(io, { ...options, ...globals() }));
  privacy
    .command('erase')
    .description('erase one person from this site on request: pseudonymised everywhere, audited without naming them')
    .requiredOption('--account <accountId>', 'the account to erase')
    .requiredOption('--as-account <accountId>', 'the HDC operator erasing it')
    .addOption(json())
    .action((options: { account: string; asAccount: string; json: boolean }) =>
      privacyEraseCommand(io, { ...options, ...globals() }),
    );
}
