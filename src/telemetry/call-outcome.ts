import type { AppError, AppErrorCode } from '../shared/app-error';

/** A call's telemetry outcome: the service answered, refused on purpose, or failed. */
export type CallOutcome = 'success' | 'rejected' | 'error';

/**
 * Refusals the service makes on purpose: people's mistakes and the rules working, not outages.
 * The error-rate rules count only 'error'. The same rule as hdc_call_outcome in SQL
 * (test/integration/telemetry-outcome.test.ts proves they agree).
 */
const REFUSAL_CODES: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>([
  'forbidden',
  'read_only',
  'validation',
  'conflict',
  'escalation_required',
  'not_ready',
]);

export function callOutcomeOf(error: AppError): Exclude<CallOutcome, 'success'> {
  return REFUSAL_CODES.has(error.code) ? 'rejected' : 'error';
}
