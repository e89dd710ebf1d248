import { createClient } from '@supabase/supabase-js';
import type { FetchLike, RetryingFetchOptions } from '../shared/retrying-fetch';
import { createRetryingFetch } from '../shared/retrying-fetch';
import { AppError } from '../shared/app-error';
import type { RpcClient } from './rpc-client';
import { appErrorFromSqlState, sqlStateOf, transientDatabaseError } from './postgres-error-map';

export interface SupabaseRpcOptions extends RetryingFetchOptions {
  /** The fetch underneath the retries; Forge's global fetch by default. */
  fetch?: FetchLike;
}

function toJsonArg(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** SQL functions through Supabase's PostgREST (`/rest/v1/rpc/<fn>`) with the service-role key. */
export function createSupabaseRpcClient(url: string, serviceRoleKey: string, options: SupabaseRpcOptions = {}): RpcClient {
  const client = createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: createRetryingFetch(options.fetch ?? fetch, options) },
  });
  let roundTrips = 0;
  return {
    get roundTrips() {
      return roundTrips;
    },
    async call(fn, args) {
      roundTrips += 1;
      const body = Object.fromEntries(Object.entries(args).map(([key, value]) => [key, toJsonArg(value)]));
      // supabase-js types rpc results from a generated schema; we have none, so they are parsed by the store.
      const { data, error, status } = (await client.rpc(fn, body)) as { data: unknown; error: PostgrestErrorShape | null; status: number };
      if (error === null) return data;
      throw appErrorFromPostgrest(error, status);
    },
  };
}

interface PostgrestErrorShape {
  code?: string;
  message?: string;
  hint?: string | null;
}

export function appErrorFromPostgrest(error: PostgrestErrorShape, status: number): AppError {
  // status 0: no response (network, timeout); 408/429/5xx: retries already spent.
  if (status === 0 || status === 408 || status === 429 || status >= 500) {
    return transientDatabaseError(error, { rateLimited: status === 429 });
  }
  if (sqlStateOf(error.code) !== undefined) return appErrorFromSqlState(error, error);
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
