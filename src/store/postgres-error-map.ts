import { AppError } from '../shared/app-error';
import type { AppErrorCode } from '../shared/app-error';
import type { CallEffect } from './rpc-client';

export interface PostgresErrorFields {
  code?: string;
  message?: string;
  hint?: string | null;
}

const OWN_CODES: Record<string, Exclude<AppErrorCode, 'transient' | 'unavailable' | 'internal'>> = {
  HDC01: 'not_found',
  HDC02: 'forbidden',
  HDC03: 'read_only',
  HDC04: 'validation',
  HDC05: 'conflict',
  HDC06: 'escalation_required',
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The SQLSTATE in a driver error's `code`, if it holds one (PostgREST's own codes like PGRST202 do not). */
export function sqlStateOf(code: unknown): string | undefined {
  return typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
}

/**
 * SQLSTATE → AppError. Our own functions raise HDC codes whose message and hint are written for
 * people, so they are passed on; for every other code the database's text stays out of the reply.
 */
export function appErrorFromSqlState(fields: PostgresErrorFields, cause: unknown): AppError {
  const code = fields.code ?? '';
  const own = OWN_CODES[code];
  if (own !== undefined) {
    return new AppError(own, fields.message ?? own, {
      ...(fields.hint ? { guidance: fields.hint } : {}),
      ...(own === 'conflict' ? { retryable: true } : {}),
      cause,
    });
  }
  const sqlClass = code.slice(0, 2);
  if (code === '22P02' || code === '22023' || code === '22001' || sqlClass === '23') {
    return new AppError('validation', 'The request holds a value the database does not accept.', {
      guidance: 'Check the ids and values sent, then try again.',
      retryable: false,
      cause,
    });
  }
  if (sqlClass === '08' || sqlClass === '53' || sqlClass === '40' || code === '57014' || code.startsWith('57P')) {
    // The statement ended with an error, so its transaction rolled back: nothing was changed.
    return unansweredCallError(cause, { effect: 'read', mayHaveReachedDatabase: false });
  }
  if (code === '42883' || code === '42P01') {
    return new AppError('unavailable', 'The database schema is not ready for this version of HDC Ops.', {
      guidance: 'An operator must apply the migrations: DATABASE_URL=… hdc-ops migrate.',
      retryable: false,
      cause,
    });
  }
  return new AppError('internal', 'The database rejected the operation.', {
    guidance: 'Try again; if it keeps happening, tell the HDC operators (the error was logged).',
    retryable: false,
    cause,
  });
}

export interface UnansweredCall {
  effect: CallEffect;
  /** The database may have received the call (and, for a write, committed it). */
  mayHaveReachedDatabase: boolean;
  /** The invocation's deadline, not the database, ended the call. */
  stoppedByDeadline?: boolean;
  rateLimited?: boolean;
}

/**
 * A call that got no usable answer. The message says what may or may not have happened: a read, or
 * a call that never reached the database, changed nothing; a write that may have reached it may
 * have been made, and only an idempotent write can simply be sent again.
 */
export function unansweredCallError(cause: unknown, call: UnansweredCall): AppError {
  const changeUnknown = call.effect !== 'read' && call.mayHaveReachedDatabase;
  const when = call.stoppedByDeadline ? 'did not answer in time' : 'could not be reached just now';
  const message = changeUnknown
    ? `The database ${when}: the change may or may not have been made.`
    : `The database ${when}; nothing was changed.`;
  const guidance = !changeUnknown
    ? 'Wait a moment and try again. If it keeps failing, check the HDC Ops status with the operators.'
    : call.effect === 'idempotent_write'
      ? 'Try again: repeating this request is safe, and gives the first result if the change was made.'
      : 'Check the current state (for example the sync status) before trying again.';
  return new AppError('transient', message, {
    guidance,
    retryable: true,
    details: { outcome: changeUnknown ? 'unknown' : 'not_applied', ...(call.rateLimited ? { rateLimited: true } : {}) },
    cause,
  });
}
