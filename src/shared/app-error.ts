/**
 * The error codes every layer speaks. SQL functions raise their own SQLSTATEs (see
 * db/migrations/0002_*.sql), the store adapters translate them to these codes, and the
 * resolver wrapper and the CLI translate AppError to a reply exactly once.
 */
export type AppErrorCode =
  | 'forbidden'
  | 'not_found'
  | 'read_only'
  | 'validation'
  | 'conflict'
  | 'escalation_required'
  /** The event is not at the stage of its lifecycle where this action belongs (sync before hacking). */
  | 'not_ready'
  | 'transient'
  | 'unavailable'
  /** The database stopped a statement at its statement timeout: the work was too large for one call. */
  | 'statement_timeout'
  | 'internal';

export interface AppErrorOptions {
  guidance?: string;
  retryable?: boolean;
  details?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<AppErrorCode> = new Set(['transient', 'conflict', 'unavailable']);

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly guidance: string | undefined;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.guidance = options.guidance;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.details = options.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Anything that is not an AppError is a bug: its message may hold internals, so it is never shown. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  return new AppError('internal', 'Something went wrong on our side.', {
    guidance: 'Try again; if it keeps happening, tell the HDC operators (the error was logged).',
    retryable: false,
    cause: value,
  });
}

/** Whether a call ended on HTTP 429 after its retries (telemetry feeds the rate-limiting rule). */
export function isRateLimited(error: AppError): boolean {
  return error.details?.rateLimited === true;
}
