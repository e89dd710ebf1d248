import { countOf } from '../../contract/plural';
import { z } from 'zod';
import { AccountIdSchema, EventIdSchema, PageIdSchema } from '../../contract/ids';
import { EscalatePayloadSchema } from '../../contract/payloads';
import type { EventStatusView, EventSyncView, SyncResult } from '../../contract/results';
import { locateInTree, treeFactsOf } from '../../contract/sync-tree-position';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { parseFlags } from '../parse-flags';

const ActingSchema = z.strictObject({ eventId: EventIdSchema, asAccount: AccountIdSchema });
const CompleteSchema = ActingSchema.extend({ endEarly: z.boolean().optional() });
const EscalateSchema = z.strictObject({
  asAccount: AccountIdSchema,
  eventId: EventIdSchema,
  note: EscalatePayloadSchema.shape.note,
});
const StatusSchema = z
  .strictObject({ eventId: EventIdSchema.optional(), pageId: PageIdSchema.optional() })
  .transform((flags, context) => {
    if (flags.eventId !== undefined && flags.pageId === undefined) return { eventId: flags.eventId };
    if (flags.pageId !== undefined && flags.eventId === undefined) return { pageId: flags.pageId };
    context.addIssue({ code: 'custom', message: 'needs exactly one of --event-id or --page-id' });
    return z.NEVER;
  });

export interface SyncCommandOptions extends SessionOptions {
  eventId?: string;
  pageId?: string;
  asAccount?: string;
  endEarly?: boolean;
  note?: string;
  json: boolean;
}

/** The decision tree's next step for the event, as `sync status` and every sync command end. */
function nextStep(view: EventSyncView): string {
  const { leaf } = locateInTree(treeFactsOf(view));
  return `Next step: ${leaf.label}. ${leaf.explanation}`;
}

function describeSync(view: EventSyncView | SyncResult | EventStatusView): string {
  const lines = [
    `${view.name} (${view.eventId}) — lifecycle ${view.lifecycle}, ${countOf(view.submittedHacks, 'submitted hack', 'submitted hacks')}`,
  ];
  if ('admins' in view) {
    lines.push(
      `Event admins: ${view.admins.map((admin) => `${admin.accountId} (${admin.role === 'primary' ? 'primary' : 'co-admin'})`).join(', ') || 'none'}`,
    );
  }
  if ('attempt' in view) {
    lines.push(
      `This attempt (${view.attempt.action.replace('_', ' ')}): pushed ${view.attempt.pushed}, skipped ${view.attempt.skipped}, failed ${view.attempt.failed}`,
    );
  }
  const state = view.state;
  if (state === null) {
    lines.push('Not synced yet.', nextStep(view));
    return lines.join('\n');
  }
  lines.push(
    `Sync: ${state.status} (category ${state.errorCategory}, ${state.retryable ? 'retryable' : 'not retryable'}), attempt ${state.attemptCount}, consecutive failures ${state.consecutiveFailures}`,
    `Totals: pushed ${state.pushedCount}, skipped ${state.skippedCount}, failed ${state.failedCount}; last attempt ${state.lastAttemptAt}`,
  );
  if (state.failedItems.length > 0) {
    lines.push(
      table([
        ['failed hack', 'reason', 'owner', 'page', 'title'],
        ...state.failedItems.map((item) => [
          item.hackId,
          item.reason,
          item.ownerAccountId ?? '(none)',
          item.pageId ?? '',
          JSON.stringify(item.title),
        ]),
      ]),
    );
  }
  if (state.escalation !== null) {
    const used =
      state.escalation.usedAt === null
        ? 'allows one more Retry Sync'
        : `used by the retry at ${state.escalation.usedAt}`;
    lines.push(
      `Latest escalation by ${state.escalation.accountId} at ${state.escalation.at} (${used}): ${state.escalation.note}`,
    );
  }
  lines.push(nextStep(view));
  return lines.join('\n');
}

export async function syncStatusCommand(io: CliIo, options: SyncCommandOptions): Promise<void> {
  const ref = parseFlags(StatusSchema, { eventId: options.eventId, pageId: options.pageId });
  await withCliSession(io, options, async (session) => {
    const view = await session.services.sync.status(ref);
    emit(io, options.json, view, () => describeSync(view));
  });
}

/** Complete + Sync or Retry Sync; a sync that ends partial or failed is a failed command (exit 1). */
export async function syncRunCommand(
  io: CliIo,
  action: 'complete' | 'retry',
  options: SyncCommandOptions,
): Promise<void> {
  const flags = parseFlags(CompleteSchema, {
    eventId: options.eventId,
    asAccount: options.asAccount,
    endEarly: options.endEarly,
  });
  await withCliSession(io, options, async (session) => {
    const viewer = { accountId: flags.asAccount };
    const result =
      action === 'complete'
        ? await session.services.sync.completeAndSync(viewer, flags.eventId, { endEarly: flags.endEarly })
        : await session.services.sync.retrySync(viewer, flags.eventId);
    emit(io, options.json, result, () => describeSync(result));
    if (result.state !== null && result.state.status !== 'complete') {
      throw new ExitError(1, `The sync ended ${result.state.status}`, result.state.guidance);
    }
  });
}

export async function syncEscalateCommand(io: CliIo, options: SyncCommandOptions): Promise<void> {
  const flags = parseFlags(EscalateSchema, {
    eventId: options.eventId,
    asAccount: options.asAccount,
    note: options.note,
  });
  await withCliSession(io, options, async (session) => {
    const view = await session.services.sync.escalate({ accountId: flags.asAccount }, flags.eventId, flags.note);
    emit(io, options.json, view, () => `Escalation recorded.\n${describeSync(view)}`);
  });
}

export async function auditListCommand(io: CliIo, options: SyncCommandOptions): Promise<void> {
  const flags = parseFlags(ActingSchema, { eventId: options.eventId, asAccount: options.asAccount });
  await withCliSession(io, options, async (session) => {
    const entries = await session.services.sync.auditLog({ accountId: flags.asAccount }, flags.eventId);
    emit(io, options.json, entries, () =>
      entries.length === 0
        ? 'No audit entries.'
        : table([
            ['when', 'action', 'actor'],
            ...entries.map((entry) => [entry.createdAt, entry.action, entry.actorAccountId]),
          ]),
    );
  });
}
