import { DeadlineExceededError, MIN_ATTEMPT_MS } from '../shared/deadline';
import { appErrorFromSqlState, sqlStateOf, unansweredCallError } from './postgres-error-map';
import type { RpcClient } from './rpc-client';
import type { SqlExecutor } from './sql-executor';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Driver errors raised while connecting: the call never reached the database. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function toParam(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/**
 * SQL functions over PGlite or `pg`: `select fn(p_a => $1, …)`, one statement per call, waiting
 * for the answer no longer than the call's deadline allows. No retries: this transport serves the
 * CLI and local work, where the person running it decides.
 */
export function createSqlRpcClient(db: Pick<SqlExecutor, 'query'>): RpcClient {
  let roundTrips = 0;
  return {
    get roundTrips() {
      return roundTrips;
    },
    async call({ fn, args, effect, deadline, unbounded = false }) {
      const names = Object.keys(args);
      for (const name of [fn, ...names]) {
        if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${name}`);
      }
      const remaining = deadline.remainingMs();
      if (remaining < MIN_ATTEMPT_MS) {
        throw unansweredCallError(new DeadlineExceededError(), { effect, mayHaveReachedDatabase: false, stoppedByDeadline: true });
      }
      const argList = names.map((name, index) => `${name} => $${index + 1}`).join(', ');
      roundTrips += 1;
      try {
        const rows = await db.query<{ result: unknown }>(
          `select ${fn}(${argList}) as result`,
          names.map((name) => toParam(args[name])),
          { ...(Number.isFinite(remaining) ? { timeoutMs: remaining } : {}), ...(unbounded ? { unbounded } : {}) },
        );
        return rows[0]?.result ?? null;
      } catch (error) {
        const fields = error as { code?: unknown; message?: string; hint?: string };
        const sqlState = sqlStateOf(fields.code);
        if (sqlState !== undefined) {
          throw appErrorFromSqlState({ code: sqlState, message: fields.message, hint: fields.hint }, error, fn);
        }
        // No SQLSTATE: the driver got no answer (refused, reset, timed out).
        const connecting = typeof fields.code === 'string' && CONNECT_ERRORS.has(fields.code);
        throw unansweredCallError(error, {
          effect,
          mayHaveReachedDatabase: !connecting,
          unreachable: connecting,
          stoppedByDeadline: deadline.remainingMs() < MIN_ATTEMPT_MS,
        });
      }
    },
  };
}
