import type { RpcClient } from './rpc-client';
import { appErrorFromSqlState, sqlStateOf, transientDatabaseError } from './postgres-error-map';
import type { SqlExecutor } from './sql-executor';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function toParam(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** SQL functions over PGlite or `pg`: `select fn(p_a => $1, …)`, one statement per call. */
export function createSqlRpcClient(db: Pick<SqlExecutor, 'query'>): RpcClient {
  let roundTrips = 0;
  return {
    get roundTrips() {
      return roundTrips;
    },
    async call(fn, args) {
      const names = Object.keys(args);
      for (const name of [fn, ...names]) {
        if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${name}`);
      }
      const argList = names.map((name, index) => `${name} => $${index + 1}`).join(', ');
      roundTrips += 1;
      try {
        const rows = await db.query<{ result: unknown }>(
          `select ${fn}(${argList}) as result`,
          names.map((name) => toParam(args[name])),
        );
        return rows[0]?.result ?? null;
      } catch (error) {
        const fields = error as { code?: unknown; message?: string; hint?: string };
        const sqlState = sqlStateOf(fields.code);
        if (sqlState !== undefined) {
          return Promise.reject(appErrorFromSqlState({ code: sqlState, message: fields.message, hint: fields.hint }, error));
        }
        // No SQLSTATE: the driver never reached the database (refused, reset, pool timeout).
        return Promise.reject(transientDatabaseError(error));
      }
    },
  };
}
