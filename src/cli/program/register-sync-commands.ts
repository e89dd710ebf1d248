import type { Command } from 'commander';
import { ESCALATION_NOTE_MAX, ESCALATION_NOTE_MIN } from '../../contract/escalation-note';
import { auditListCommand, syncEscalateCommand, syncRunCommand, syncStatusCommand } from '../commands/sync-command';
import type { CliIo } from '../cli-io';
import type { ProgramGlobals } from './cli-options';
import { json } from './cli-options';

/** The commands of Complete + Sync, Retry Sync, escalation, sync status and the audit log. */
export function registerSyncCommands(program: Command, io: CliIo, globals: ProgramGlobals): void {
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
}
