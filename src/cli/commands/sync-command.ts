import { z } from 'zod';
import { AccountIdSchema, EventIdSchema, PageIdSchema } from '../../contract/ids';
import type { EventSyncView, SyncResult } from '../../contract/results';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { parseFlags } from '../parse-flags';

const ActingSchema = z.strictObject({ eventId: EventIdSchema, asAccount: AccountIdSchema });
const StatusSchema = z.union([z.strictObject({ eventId: EventIdSchema }), z.strictObject({ pageId: PageIdSchema })]);

export interface SyncCommandOptions extends SessionOptions {
  eventId?: string;
  pageId?: string;
  asAccount?: string;
  json: boolean;
}

export function describeSync(view: EventSyncView | SyncResult): string {
  const lines = [`${view.name} (${view.eventId}) — lifecycle ${view.lifecycle}, ${view.submittedHacks} submitted hack(s)`];
  if ('attempt' in view) {
    lines.push(`This attempt (${view.attempt.action}): pushed ${view.attempt.pushed}, skipped ${view.attempt.skipped}, failed ${view.attempt.failed}`);
  }
  const state = view.state;
  if (state === null) {
    lines.push('Not synced yet.');
    return lines.join('\n');
  }
  lines.push(
    `Sync: ${state.status} (category ${state.errorCategory}, ${state.retryable ? 'retryable' : 'not retryable'}), attempt ${state.attemptCount}, consecutive failures ${state.consecutiveFailures}`,
    `Totals: pushed ${state.pushedCount}, skipped ${state.skippedCount}, failed ${state.failedCount}; last attempt ${state.lastAttemptAt}`,
  );
  if (state.failedItems.length > 0) {
    lines.push(table([['failed hack', 'reason', 'title'], ...state.failedItems.map((item) => [item.hackId, item.reason, JSON.stringify(item.title)])]));
  }
  lines.push(`Next: ${state.guidance}`);
  return lines.join('\n');
}

export async function syncStatusCommand(io: CliIo, options: SyncCommandOptions): Promise<void> {
  const ref = parseFlags(StatusSchema, { eventId: options.eventId, pageId: options.pageId });
  await withCliSession(io, options, async (session) => {
    const view = await session.services.sync.status(ref);
    emit(io, options.json, view, () => describeSync(view));
  });
}

export async function syncRunCommand(io: CliIo, action: 'complete' | 'retry', options: SyncCommandOptions): Promise<void> {
  const flags = parseFlags(ActingSchema, { eventId: options.eventId, asAccount: options.asAccount });
  await withCliSession(io, options, async (session) => {
    const viewer = { accountId: flags.asAccount };
    const result =
      action === 'complete'
        ? await session.services.sync.completeAndSync(viewer, flags.eventId)
        : await session.services.sync.retrySync(viewer, flags.eventId);
    emit(io, options.json, result, () => describeSync(result));
  });
}

export async function auditListCommand(io: CliIo, options: SyncCommandOptions): Promise<void> {
  const flags = parseFlags(ActingSchema, { eventId: options.eventId, asAccount: options.asAccount });
  await withCliSession(io, options, async (session) => {
    const entries = await session.services.sync.auditLog({ accountId: flags.asAccount }, flags.eventId);
    emit(io, options.json, entries, () =>
      entries.length === 0
        ? 'No audit entries.'
        : table([['when', 'action', 'actor'], ...entries.map((entry) => [entry.createdAt, entry.action, entry.actorAccountId])]),
    );
  });
}
