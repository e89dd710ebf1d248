import { AccountIdSchema } from '../../contract/ids';
import { countOf } from '../../contract/plural';
import type { PrivacyReportRun } from '../../privacy/privacy-service';
import { operatorAccountOf } from '../cli-actor';
import type { CliIo } from '../cli-io';
import { emit } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { privacyStatusLine } from '../privacy-status-text';

type PrivacyOptions = SessionOptions & { json: boolean };

function runText(run: PrivacyReportRun): string {
  const done = `${countOf(run.reported, 'account', 'accounts')} reported in ${countOf(run.requests, 'request', 'requests')}; ${run.closed} closed (${countOf(run.erased, 'person', 'people')} erased), ${run.updated} updated.`;
  const head = {
    completed: 'Privacy report completed:',
    partial: 'Privacy report not finished in this run:',
    failed: 'Privacy report failed:',
    not_due: 'Privacy report not due:',
  }[run.status];
  return [`${head} ${done}`, ...(run.message === undefined ? [] : [run.message])].join('\n');
}

/**
 * `hdc-ops privacy report [--site S] [--json]`: one run of the personal data report now, as the daily
 * trigger runs it (every stored account to Atlassian, closed ones erased); exit 1 when it failed.
 */
export async function privacyReportCommand(io: CliIo, options: PrivacyOptions): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const run = await session.services.privacy.report();
    const status = await session.services.privacy.status();
    emit(io, options.json, { run, status }, () => `${runText(run)}\nPrivacy report: ${privacyStatusLine(status)}`);
    if (run.status === 'failed')
      throw new ExitError(1, 'The privacy report failed.', 'The next run goes on from the last recorded page.');
  });
}

/**
 * `hdc-ops privacy erase --account A --as-account OP [--json]`: erase one person from this site on
 * request (an HDC operator): pseudonymised everywhere, removed as admin and operator, audited without
 * naming them.
 */
export async function privacyEraseCommand(
  io: CliIo,
  options: PrivacyOptions & { account?: string; asAccount?: string },
): Promise<void> {
  const usage = 'hdc-ops privacy erase --account <accountId> --as-account <operator accountId>';
  const actor = operatorAccountOf(options.asAccount, usage);
  const account = AccountIdSchema.safeParse(options.account);
  if (!account.success) throw new ExitError(2, '--account needs the Atlassian account id to erase', usage);
  await withCliSession(io, options, async (session) => {
    const erasure = await session.services.privacy.erase(actor, account.data);
    emit(io, options.json, erasure, () =>
      erasure.erased === 0
        ? `No row of this site names ${account.data}: nothing was erased.`
        : `Erased ${account.data}: ${countOf(erasure.rows, 'row', 'rows')} changed; the audit trail now names ${erasure.pseudonyms.join(', ')}.`,
    );
  });
}
