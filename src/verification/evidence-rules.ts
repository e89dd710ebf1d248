import { countOf } from '../contract/plural';
import type { Thresholds } from './thresholds';

/** What a window of calls shows of the people behind it. */
export interface WindowVolume {
  calls: number;
  /** Distinct people calling. */
  accounts: number;
}

export const people = (n: number) => countOf(n, 'person', 'people');
export const calls = (n: number) => countOf(n, 'call', 'calls');

/**
 * Evidence before alarm, stated once: a rate is judged only on a window with at least
 * error_rate.min_calls_per_window calls by at least error_rate.min_accounts_per_window people.
 * Returns why a window is too few to judge, or null when it may be judged. Pure.
 */
export function tooFewToJudge(volume: WindowVolume, thresholds: Thresholds): string | null {
  const { min_calls_per_window: minCalls, min_accounts_per_window: minAccounts } = thresholds.error_rate;
  if (volume.calls >= minCalls && volume.accounts >= minAccounts) return null;
  return `${calls(volume.calls)} by ${people(volume.accounts)}: too few to judge (a rate is judged from ${calls(minCalls)} by ${people(minAccounts)})`;
}

/**
 * Refusals are counted by the people refused as well as by the calls: refusals of fewer than
 * hypercare.auth_failure_rollback.min_refused_accounts people are no evidence of a broken release,
 * whatever their share of the calls. Pure.
 */
export function refusalsAreEvidence(refusedAccounts: number, thresholds: Thresholds): boolean {
  return refusedAccounts >= thresholds.hypercare.auth_failure_rollback.min_refused_accounts;
}
