import type { SyncErrorCategory } from '../contract/lifecycle';
import type { AppError } from '../shared/app-error';

/** The category of a sync that did not run to an outcome (refused, or the database call failed). */
export function classifySyncError(error: AppError): { errorCategory: SyncErrorCategory; retryable: boolean } {
  switch (error.code) {
    case 'forbidden':
      return { errorCategory: 'permission', retryable: false };
    case 'validation':
    case 'read_only':
    case 'not_found':
    case 'escalation_required':
    case 'not_ready':
      return { errorCategory: 'validation', retryable: false };
    case 'transient':
    case 'conflict':
    case 'unavailable':
      return { errorCategory: 'transient', retryable: true };
    case 'statement_timeout':
    case 'internal':
      return { errorCategory: 'unknown', retryable: false };
  }
}
