import type { SyncErrorCategory, SyncStatus } from '../contract/lifecycle';
import type { AppError } from '../shared/app-error';

export interface SyncCounts {
  /** Submitted hacks of the event, synced or not. */
  submittedHacks: number;
  /** Hacks in the library for this event so far: pushed or skipped, this attempt and earlier ones. */
  succeededTotal: number;
  /** Hacks that failed validation in this attempt. */
  failedNow: number;
}

export interface SyncClassification {
  status: SyncStatus;
  errorCategory: SyncErrorCategory;
  retryable: boolean;
}

/**
 * The outcome of one sync attempt from its counts. hdc_apply_sync_attempt (SQL) applies the same
 * rule inside the transaction; test/integration/sync-outcome-agreement.test.ts keeps them equal.
 */
export function classifySyncOutcome(counts: SyncCounts): SyncClassification {
  if (counts.submittedHacks === 0) return { status: 'failed', errorCategory: 'validation', retryable: false };
  if (counts.failedNow === 0) return { status: 'complete', errorCategory: 'none', retryable: false };
  if (counts.succeededTotal > 0) return { status: 'partial', errorCategory: 'partial_failure', retryable: true };
  return { status: 'failed', errorCategory: 'validation', retryable: true };
}

/** The category of a sync that did not run to an outcome (refused, or the database call failed). */
export function classifySyncError(error: AppError): Pick<SyncClassification, 'errorCategory' | 'retryable'> {
  switch (error.code) {
    case 'forbidden':
      return { errorCategory: 'permission', retryable: false };
    case 'validation':
    case 'read_only':
    case 'not_found':
    case 'escalation_required':
      return { errorCategory: 'validation', retryable: false };
    case 'transient':
    case 'conflict':
    case 'unavailable':
      return { errorCategory: 'transient', retryable: true };
    case 'internal':
      return { errorCategory: 'unknown', retryable: false };
  }
}
