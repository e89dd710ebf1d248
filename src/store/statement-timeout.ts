/**
 * The statement timeout every path runs under: Supabase's API gives its roles 8 s by default, and
 * the CLI, the local host and the tests use the same, so a local run fails where production would.
 */
export const STATEMENT_TIMEOUT_MS = 8_000;
/** query_canceled: what Postgres raises when a statement passes statement_timeout. */
export const STATEMENT_TIMEOUT_SQLSTATE = '57014';

/** The error the embedded database reports for a statement that ran past the timeout (it cannot cancel one). */
export class StatementTimeoutError extends Error {
  readonly code = STATEMENT_TIMEOUT_SQLSTATE;
  constructor(elapsedMs: number) {
    super(`canceling statement due to statement timeout (ran ${Math.round(elapsedMs)} ms)`);
    this.name = 'StatementTimeoutError';
  }
}
