import type { SqlExecutor } from '../../src/store/sql-executor';

/**
 * What the fake does with the next request, before or instead of answering it:
 * - a status (or { status, retryAfter }): answers it without touching the database;
 * - 'hang': never answers (the caller's timeout or deadline aborts it);
 * - 'drop-after-commit': runs the function (its transaction commits), then the connection drops.
 */
export type PostgrestFault = number | { status: number; retryAfter: string } | 'hang' | 'drop-after-commit';

export interface FakePostgrest {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  requests: { fn: string; apikey: string | null; body: Record<string, unknown> }[];
  /** Faults for the next requests, in order; then requests are served normally. */
  failNext: PostgrestFault[];
  /** Faults for the next requests to one function, by its name (after failNext). */
  failNextOf: Record<string, PostgrestFault[]>;
}

const aborted = (signal: AbortSignal | null | undefined) =>
  new Promise<never>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError')));
  });

/** Serves PostgREST's `POST /rest/v1/rpc/<fn>` from PGlite: named JSON args in, JSON or a PostgREST error out. */
export function fakePostgrest(db: Pick<SqlExecutor, 'query'>): FakePostgrest {
  async function run(fn: string, args: Record<string, unknown>): Promise<Response> {
    const names = Object.keys(args);
    try {
      const rows = await db.query<{ result: unknown }>(
        `select ${fn}(${names.map((name, i) => `${name} => $${i + 1}`).join(', ')}) as result`,
        names.map((name) => {
          const v = args[name];
          return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
        }),
      );
      return new Response(JSON.stringify(rows[0]?.result ?? null), { status: 200, headers: { 'content-type': 'application/json' } });
    } catch (error) {
      const e = error as { code?: string; message?: string; hint?: string };
      return new Response(JSON.stringify({ code: e.code, message: e.message, details: null, hint: e.hint ?? null }), { status: 400 });
    }
  }

  const fake: FakePostgrest = {
    requests: [],
    failNext: [],
    failNextOf: {},
    async fetch(input, init) {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const fn = /\/rest\/v1\/rpc\/([a-z_]+)$/.exec(url.pathname)?.[1];
      const headers = new Headers(init?.headers);
      const args = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown>;
      fake.requests.push({ fn: fn ?? '', apikey: headers.get('apikey'), body: args });
      const fault = fake.failNext.length > 0 ? fake.failNext.shift() : fake.failNextOf[fn ?? '']?.shift();
      if (fault === 'hang') return aborted(init?.signal);
      if (typeof fault === 'number') return new Response('{"message":"unavailable"}', { status: fault, headers: { 'retry-after': '0' } });
      if (typeof fault === 'object') return new Response('{"message":"unavailable"}', { status: fault.status, headers: { 'retry-after': fault.retryAfter } });
      if (fn === undefined) return new Response('{"code":"PGRST202","message":"not found"}', { status: 404 });
      const response = await run(fn, args);
      if (fault === 'drop-after-commit') throw new TypeError('fetch failed: the connection was reset');
      return response;
    },
  };
  return fake;
}
