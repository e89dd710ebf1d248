import { DeadlineExceededError, MIN_ATTEMPT_MS } from '../shared/deadline';
import { appErrorFromDriver, unansweredCallError } from './postgres-error-map';
import type { RpcClient } from './rpc-client';
import type { SqlExecutor } from './sql-executor';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

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
    async call({ fn, name = fn, args, effect, deadline, unbounded = false }) {
      const names = Object.keys(args);
      for (const name of [fn, ...names]) {
        if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${name}`);
      }
      const remaining = deadline.remainingMs();
      if (remaining < MIN_ATTEMPT_MS) {
        throw unansweredCallError(new DeadlineExceededError(), {
          effect,
          mayHaveReachedDatabase: false,
          stoppedByDeadline: true,
        });
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
        throw appErrorFromDriver(error, {
          fn: name,
          effect,
          stoppedByDeadline: deadline.remainingMs() < MIN_ATTEMPT_MS,
        });
      }
    },
  };
}
