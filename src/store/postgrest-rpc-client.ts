import { PostgrestClient } from '@supabase/postgrest-js';
import { AppError } from '../shared/app-error';
import type { FetchAttempts, FetchLike, RetryingFetchOptions } from '../shared/retrying-fetch';
import { createRetryingFetch } from '../shared/retrying-fetch';
import { appErrorFromSqlState, sqlStateOf, unansweredCallError } from './postgres-error-map';
import { STATEMENT_TIMEOUT_SQLSTATE } from './statement-timeout';
import type { RpcClient } from './rpc-client';

export interface PostgrestRpcOptions extends Pick<RetryingFetchOptions, 'policy' | 'sleep' | 'random'> {
  /** The fetch underneath the retries; the runtime's global fetch by default (Forge's egress). */
  fetch?: FetchLike;
}

interface PostgrestErrorShape {
  code?: string;
  message?: string;
  hint?: string | null;
}

function toJsonArg(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * SQL functions through Supabase's PostgREST (`POST /rest/v1/rpc/<fn>`) with the service-role key,
 * using postgrest-js alone: HDC Ops needs only `rpc`, not the rest of supabase-js. Each call gets
 * its own retrying fetch, bound to the call's deadline and to whether it may be sent again.
 */
/** PostgREST's answer for a statement stopped at the statement timeout: status 500, SQLSTATE 57014. */
async function isStatementTimeout(response: Response): Promise<boolean> {
  if (response.status !== 500) return false;
  const body = (await response.json()) as { code?: unknown };
  return body.code === STATEMENT_TIMEOUT_SQLSTATE;
}

export function createPostgrestRpcClient(
  url: string,
  serviceRoleKey: string,
  options: PostgrestRpcOptions = {},
): RpcClient {
  const restUrl = `${url.replace(/\/+$/, '')}/rest/v1`;
  const headers = { apikey: serviceRoleKey, Authorization: `Bearer ${serviceRoleKey}` };
  let roundTrips = 0;
  return {
    get roundTrips() {
      return roundTrips;
    },
    async call({ fn, name = fn, args, effect, deadline }) {
      roundTrips += 1;
      const attempts: FetchAttempts = { mayHaveReachedServer: false, stoppedByDeadline: false };
      const fetch = createRetryingFetch(options.fetch ?? globalThis.fetch, {
        ...options,
        deadline,
        retryAmbiguous: effect !== 'write',
        attempts,
        isFinal: isStatementTimeout,
      });
      const client = new PostgrestClient(restUrl, { headers, fetch });
      const body = Object.fromEntries(Object.entries(args).map(([key, value]) => [key, toJsonArg(value)]));
      const { data, error, status } = (await client.rpc(fn, body)) as {
        data: unknown;
        error: PostgrestErrorShape | null;
        status: number;
      };
      if (error === null) return data;
      // A statement the database ran and stopped at its timeout: an answer, typed apart (PostgREST sends it as a 500).
      if (error.code === STATEMENT_TIMEOUT_SQLSTATE) throw appErrorFromSqlState(error, error, name);
      // status 0: no response (network, timeout, no time left); 408/429/5xx: retries already spent.
      if (status === 0 || status === 408 || status === 429 || status >= 500) {
        throw unansweredCallError(error, {
          effect,
          mayHaveReachedDatabase: attempts.mayHaveReachedServer,
          stoppedByDeadline: attempts.stoppedByDeadline,
          rateLimited: status === 429,
          unreachable: status === 0 && !attempts.mayHaveReachedServer && !attempts.stoppedByDeadline,
        });
      }
      throw appErrorFromPostgrest(error, status, name);
    },
  };
}

function appErrorFromPostgrest(error: PostgrestErrorShape, status: number, fn?: string): AppError {
  if (sqlStateOf(error.code) !== undefined) return appErrorFromSqlState(error, error, fn);
  if (status === 401 || status === 403 || error.code === 'PGRST202' || error.code === 'PGRST301') {
    return new AppError('unavailable', 'HDC Ops cannot use its database with the current configuration.', {
      guidance: 'An operator must check SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and that the migrations are applied.',
      retryable: false,
      cause: error,
    });
  }
  return new AppError('internal', 'The database service rejected the request.', {
    guidance: 'Try again; if it keeps happening, tell the HDC operators (the error was logged).',
    retryable: false,
    cause: error,
  });
}
