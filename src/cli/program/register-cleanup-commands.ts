import { type Command, Option } from 'commander';
import {
  cleanupExecuteCommand,
  cleanupPlanCommand,
  cleanupRestoreCommand,
  cleanupScanCommand,
  cleanupStatusCommand,
} from '../commands/cleanup-commands';
import type { CleanupCommandOptions } from '../commands/cleanup-commands';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The commands of the orphan-page cleanup. */
export function registerCleanupCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
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
}
