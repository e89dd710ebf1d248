import type { PrivacyStatus } from '../contract/privacy';
import type { AccountUpdate, ReportedAccount } from './privacy-port';

/**
 * The privacy report runs daily and starts a pass when the last one ended at least this long ago, so
 * every stored account is reported at least weekly, as Atlassian's personal data reporting asks. Half
 * a day of slack keeps a daily trigger that fires a little early from waiting a whole extra day.
 */
const REPORT_INTERVAL_MS = 7 * 86_400_000 - 12 * 3_600_000;

/** Whether a scheduled run has work: a pass in progress, or none completed within the interval. */
export function reportDue(status: PrivacyStatus, now: Date): boolean {
  if (status.inProgress !== null || status.lastCompletedAt === null) return true;
  return now.getTime() - Date.parse(status.lastCompletedAt) >= REPORT_INTERVAL_MS;
}

/**
 * Atlassian's answer for one batch, read: the accounts to erase (closed) and how many were updated.
 * Only accounts of the batch count: an answer naming another account is ignored, never erased.
 */
export function readAnswer(
  batch: readonly ReportedAccount[],
  answer: readonly AccountUpdate[],
): { closed: string[]; updated: number } {
  const asked = new Set(batch.map((account) => account.accountId));
  const closed = new Set<string>();
  let updated = 0;
  for (const update of answer) {
    if (!asked.has(update.accountId)) continue;
    if (update.status === 'closed') closed.add(update.accountId);
    else updated += 1;
  }
  return { closed: [...closed], updated };
}
