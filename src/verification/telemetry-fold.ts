import type { TelemetryFold } from './verification-facts';
import type { VerificationStore } from './verification-port';

/**
 * Hours folded per call. At 5 million rows a week an hour holds about 30,000 rows: six hours stay
 * well inside the 8 s statement timeout on the embedded database, and each call is its own short
 * transaction.
 */
const FOLD_HOURS_PER_CALL = 6;

/**
 * A bound on one catch-up: a site's first fold starts at its oldest raw row (hours without rows are
 * skipped), so 90 days of continuous traffic take 360 calls; then each fold re-reads the open hour.
 * A fold stopped here (or by the deadline) continues at the next call.
 */
const MAX_FOLD_CALLS = 1_000;

export interface FoldTotals {
  calls: number;
  hours: number;
  rows: number;
  lateRowsDropped: number;
}

/**
 * Brings the rollups up to date: folds until no hour is pending. Every reader of the rollups (the
 * sampler, the weekly report, `hdc-ops telemetry fold`) calls this first, so a window never misses
 * rows that are in the database.
 */
export async function foldPendingTelemetry(
  store: Pick<VerificationStore, 'foldTelemetry'>,
  actor: string,
  onProgress?: (totals: FoldTotals, pendingHours: number) => void,
): Promise<FoldTotals> {
  const totals: FoldTotals = { calls: 0, hours: 0, rows: 0, lateRowsDropped: 0 };
  let fold: TelemetryFold;
  do {
    fold = await store.foldTelemetry({ maxHours: FOLD_HOURS_PER_CALL, actor });
    totals.calls += 1;
    totals.hours += fold.hours;
    totals.rows += fold.rows;
    totals.lateRowsDropped += fold.lateRowsDropped;
    onProgress?.(totals, fold.pendingHours);
  } while (fold.pendingHours > 0 && totals.calls < MAX_FOLD_CALLS);
  return totals;
}
