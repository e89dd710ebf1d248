import { AppError } from '../shared/app-error';
import type { AppErrorCode } from '../shared/app-error';
import type { CallEffect } from './rpc-client';
import { STATEMENT_TIMEOUT_MS, STATEMENT_TIMEOUT_SQLSTATE } from './statement-timeout';

export interface PostgresErrorFields {
  code?: string;
  message?: string;
  hint?: string | null;
}

/** What to run when a function's statement timed out: the size of its work, and how to shrink it. */
const STATEMENT_TIMEOUT_GUIDANCE: Record<string, string> = {
  hdc_telemetry_window:
    'The telemetry window read more rollups than fit in one call. Fold the raw telemetry first (hdc-ops telemetry fold), then run the report again; a shorter period reads less.',
  hdc_fold_telemetry:
    'Too many raw telemetry rows in the hours folded at once. Run hdc-ops telemetry fold again: it folds a few hours per call and continues where it stopped.',
  hdc_integrity_dry_run:
    'Too many events match the event query. Narrow it (hdc-ops dry-run --event-query "<name>") and check the events in parts.',
  hdc_prune: 'The retention batch is too large. Lower sampler.prune_batch in the thresholds file.',
};

/** A statement the database stopped at its statement timeout: typed, not "could not be reached". */
function statementTimeoutError(fn: string | undefined, cause: unknown): AppError {
  const guidance =
    (fn === undefined ? undefined : STATEMENT_TIMEOUT_GUIDANCE[fn]) ??
    'The request was too large for one call: narrow it and try again, or ask an HDC operator.';
  return new AppError(
    'statement_timeout',
    `The database stopped ${fn ?? 'the call'} after the ${STATEMENT_TIMEOUT_MS / 1000} s statement timeout; nothing was changed.`,
    {
      guidance,
      retryable: false,
      details: { outcome: 'not_applied', timeoutMs: STATEMENT_TIMEOUT_MS },
      cause,
    },
  );
}

export const OWN_CODES: Record<string, Exclude<AppErrorCode, 'unavailable' | 'internal'>> = {
  HDC01: 'not_found',
  HDC02: 'forbidden',
  HDC03: 'read_only',
  HDC04: 'validation',
  HDC05: 'conflict',
  HDC06: 'escalation_required',
  HDC07: 'not_ready',
  // The site is held by a restore or rollback: nothing was done, and the same call succeeds once it ends.
  HDC08: 'transient',
  // The stored data contradicts itself (two events on one page): a conflict that only a person resolves.
  HDC09: 'conflict',
};
/** Conflicts that trying again cannot resolve. */
const LASTING_CONFLICTS = new Set(['HDC09']);

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** lock_not_available: a lock wait passed lock_timeout (every HDC function waits at most 3 s). */
const LOCK_NOT_AVAILABLE_SQLSTATE = '55P03';

/** The SQLSTATE in a driver error's `code`, if it holds one (PostgREST's own codes like PGRST202 do not). */
export function sqlStateOf(code: unknown): string | undefined {
  return typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
}

/**
 * SQLSTATE → AppError (`fn`: the function called, for the guidance of a statement timeout). Our own functions raise HDC codes whose message and hint are written for
 * people, so they are passed on; for every other code the database's text stays out of the reply.
 */
export function appErrorFromSqlState(fields: PostgresErrorFields, cause: unknown, fn?: string): AppError {
  const code = fields.code ?? '';
  if (code === STATEMENT_TIMEOUT_SQLSTATE) return statementTimeoutError(fn, cause);
  const own = OWN_CODES[code];
  if (own !== undefined) {
    return new AppError(own, fields.message ?? own, {
      ...(fields.hint ? { guidance: fields.hint } : {}),
      retryable: (own === 'conflict' && !LASTING_CONFLICTS.has(code)) || own === 'transient',
      ...(own === 'transient' ? { details: { outcome: 'not_applied' } } : {}),
      cause,
    });
  }
  if (code === LOCK_NOT_AVAILABLE_SQLSTATE) {
    // Another connection held a lock longer than lock_timeout: transient, the same call succeeds once it is released.
    return new AppError('transient', 'The data this needs is being changed by another request; nothing was changed.', {
      guidance: 'Try again in a few seconds.',
      retryable: true,
      details: { outcome: 'not_applied' },
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
  if (sqlClass === '08' || sqlClass === '53' || sqlClass === '40' || code.startsWith('57P')) {
    // The statement ended with an error, so its transaction rolled back: nothing was changed.
    return unansweredCallError(cause, { effect: 'read', mayHaveReachedDatabase: false });
  }
  if (code === '42883' || code === '42P01') {
    return new AppError('unavailable', 'The database schema is not ready for this version of HDC Ops.', {
      guidance: 'An HDC operator must apply the migrations (runbook: Applying migrations).',
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

/** Driver errors raised while connecting: the call never reached the database. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What a SQL driver (pg, PGlite) threw, as an AppError: a SQLSTATE through appErrorFromSqlState;
 * none means the driver got no answer (refused, reset, timed out), and whether the call may have
 * reached the database follows from how it failed. The one translation of driver errors.
 */
export function appErrorFromDriver(
  error: unknown,
  call: { fn?: string; effect: CallEffect; stoppedByDeadline?: boolean },
): AppError {
  const fields = error as { code?: unknown; message?: string; hint?: string };
  const sqlState = sqlStateOf(fields.code);
  if (sqlState !== undefined)
    return appErrorFromSqlState({ code: sqlState, message: fields.message, hint: fields.hint }, error, call.fn);
  const connecting = typeof fields.code === 'string' && CONNECT_ERRORS.has(fields.code);
  return unansweredCallError(error, {
    effect: call.effect,
    mayHaveReachedDatabase: !connecting,
    unreachable: connecting,
    ...(call.stoppedByDeadline === true ? { stoppedByDeadline: true } : {}),
  });
}

export interface UnansweredCall {
  effect: CallEffect;
  /** The database may have received the call (and, for a write, committed it). */
  mayHaveReachedDatabase: boolean;
  /** The invocation's deadline, not the database, ended the call. */
  stoppedByDeadline?: boolean;
  rateLimited?: boolean;
  /** Nothing answered at all (connection refused, no such host): the database is down, not slow. */
  unreachable?: boolean;
}

/**
 * A call that got no usable answer. The message says what may or may not have happened: a read, or
 * a call that never reached the database, changed nothing; a write that may have reached it may
 * have been made, and only an idempotent write can simply be sent again.
 */
export function unansweredCallError(cause: unknown, call: UnansweredCall): AppError {
  const changeUnknown = call.effect !== 'read' && call.mayHaveReachedDatabase;
  const when = call.stoppedByDeadline
    ? 'did not answer in time'
    : call.unreachable
      ? 'is unreachable'
      : 'could not be reached just now';
  const message = changeUnknown
    ? `The database ${when}: the change may or may not have been made.`
    : `The database ${when}; nothing was changed.`;
  const guidance = !changeUnknown
    ? 'Wait a moment and try again. If it keeps failing, check the HDC Ops status with the operators.'
    : call.effect === 'idempotent_write'
      ? 'Try again: repeating this request is safe, and gives the first result if the change was made.'
      : 'Check the current state (for example the sync status) before trying again.';
  return new AppError(call.unreachable && !changeUnknown ? 'unavailable' : 'transient', message, {
    guidance,
    retryable: true,
    details: { outcome: changeUnknown ? 'unknown' : 'not_applied', ...(call.rateLimited ? { rateLimited: true } : {}) },
    cause,
  });
}
