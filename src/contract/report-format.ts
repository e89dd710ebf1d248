import type { BudgetCheck, Hypercare, Release } from './weekly-report';
import { countOf } from './plural';

/** How figures read in the weekly report, in Markdown and in the macro alike. Pure, no dependencies. */
export const formatMs = (value: number | null): string => (value === null ? 'not measured' : `${value.toFixed(1)} ms`);

/** A share as the report words it in sentences: one decimal ("38.1 %"). */
export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

export const formatRate = (rate: number | null): string =>
  rate === null ? 'no calls' : `${(rate * 100).toFixed(2)} %`;

/**
 * The share of calls refused as forbidden, its own figure apart from the error rates: the worst window
 * judged, or why none was, and the refusals as calls and as people.
 */
export function formatForbiddenShare(auth: Hypercare['authFailure'] | undefined): string {
  if (auth === undefined) return 'not measured in this report';
  const worst =
    auth.worstRate === null
      ? 'no window with enough calls and people to judge'
      : `worst ${formatRate(auth.worstRate)} in a ${auth.windowMinutes}-minute window`;
  const refused =
    auth.refusedCalls === undefined || auth.refusedAccounts === undefined
      ? ''
      : `; ${countOf(auth.refusedCalls, 'call', 'calls')} refused by ${countOf(auth.refusedAccounts, 'person', 'people')}`;
  return `${worst} (rollback at ${formatRate(auth.rollbackRate)})${refused}`;
}

/** What is left of an error budget: "62.0 %", "overspent", or "no calls". */
export const formatBudgetLeft = (remaining: number | null): string =>
  remaining === null ? 'no calls' : remaining < 0 ? 'overspent' : `${(remaining * 100).toFixed(1)} %`;

/** How fast a budget burns: "1.0×" spends it exactly over its window. */
export const formatBurnRate = (rate: number | null): string => (rate === null ? 'no calls' : `${rate.toFixed(1)}×`);

export function formatBudgetChange(budget: BudgetCheck): string {
  if (budget.changeMs === null) return 'no previous week';
  const sign = budget.changeMs > 0 ? '+' : '';
  const percent = budget.changePct === null ? '' : ` (${sign}${budget.changePct.toFixed(1)} %)`;
  return `${sign}${budget.changeMs.toFixed(1)} ms${percent}`;
}

const RELEASE_DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const RELEASE_WHAT = { migrate: 'database migrated to', installed: 'installed', upgraded: 'upgraded to' } as const;

/** A week's releases in a line ("upgraded to 2.1.0 on 8 Dec 2026; …"): what moved, for reading its figures. */
export function formatReleases(releases: readonly Release[] | undefined): string {
  if (releases === undefined) return 'not recorded in this report';
  if (releases.length === 0) return 'none';
  return releases
    .map(
      (release) =>
        `${RELEASE_WHAT[release.source]} ${release.version} on ${RELEASE_DAY.format(new Date(release.recordedAt))}`,
    )
    .join('; ');
}
