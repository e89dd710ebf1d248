import { answerRpc } from '../../dev/postgrest-over-sql';
import type { SqlExecutor } from '../../src/store/sql-executor';

/**
 * What the fake does with the next request, before or instead of answering it:
 * - a status (or { status, retryAfter }): answers it without touching the database;
 * - 'hang': never answers (the caller's timeout or deadline aborts it);
 * - 'drop-after-commit': runs the function (its transaction commits), then the connection drops.
 */
type PostgrestFault = number | { status: number; retryAfter: string } | 'hang' | 'drop-after-commit';

export interface FakePostgrest {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Each request: the rpc endpoint called (`hdc_call` for the app's calls) and the function it runs. */
  requests: { endpoint: string; fn: string; apikey: string | null; body: Record<string, unknown> }[];
  /** Faults for the next requests, in order; then requests are served normally. */
  failNext: PostgrestFault[];
  /** Faults for the next requests to one function, by its name (the function hdc_call runs; after failNext). */
  failNextOf: Record<string, PostgrestFault[]>;
}

const aborted = (signal: AbortSignal | null | undefined) =>
  new Promise<never>((_resolve, reject) => {
    signal?.addEventListener('abort', () =>
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError')),
    );
  });

/** Supabase's rpc endpoint as a fetch, over PGlite (dev/postgrest-over-sql.ts), with faults on demand. */
export function fakePostgrest(db: Pick<SqlExecutor, 'query'>): FakePostgrest {
  const fake: FakePostgrest = {
    requests: [],
    failNext: [],
    failNextOf: {},
    async fetch(input, init) {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const fn = /\/rest\/v1\/rpc\/([a-z_]+)$/.exec(url.pathname)?.[1];
      const headers = new Headers(init?.headers);
      const args = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown>;
      const runs = fn === 'hdc_call' && typeof args.p_fn === 'string' ? args.p_fn : (fn ?? '');
      fake.requests.push({ endpoint: fn ?? '', fn: runs, apikey: headers.get('apikey'), body: args });
      const fault = fake.failNext.length > 0 ? fake.failNext.shift() : fake.failNextOf[runs]?.shift();
      if (fault === 'hang') return aborted(init?.signal);
      if (typeof fault === 'number')
        return new Response('{"message":"unavailable"}', { status: fault, headers: { 'retry-after': '0' } });
      if (typeof fault === 'object')
        return new Response('{"message":"unavailable"}', {
          status: fault.status,
          headers: { 'retry-after': fault.retryAfter },
        });
      if (fn === undefined) return new Response('{"code":"PGRST202","message":"not found"}', { status: 404 });
      const response = await answerRpc(db, fn, args);
      if (fault === 'drop-after-commit') throw new TypeError('fetch failed: the connection was reset');
      return response;
    },
  };
  return fake;
}
