import type { SqlExecutor } from '../../src/store/sql-executor';

export interface FakePostgrest {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  requests: { fn: string; apikey: string | null }[];
  /** Statuses to answer (before touching the database) for the next calls, e.g. [503, 429]. */
  failNext: number[];
}

/** Serves PostgREST's `POST /rest/v1/rpc/<fn>` from PGlite: named JSON args in, JSON or a PostgREST error out. */
export function fakePostgrest(db: Pick<SqlExecutor, 'query'>): FakePostgrest {
  const fake: FakePostgrest = {
    requests: [],
    failNext: [],
    async fetch(input, init) {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const fn = /\/rest\/v1\/rpc\/([a-z_]+)$/.exec(url.pathname)?.[1];
      const headers = new Headers(init?.headers);
      fake.requests.push({ fn: fn ?? '', apikey: headers.get('apikey') });
      const forced = fake.failNext.shift();
      if (forced !== undefined) return new Response('{"message":"unavailable"}', { status: forced, headers: { 'retry-after': '0' } });
      if (fn === undefined) return new Response('{"code":"PGRST202","message":"not found"}', { status: 404 });
      const args = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown>;
      const names = Object.keys(args);
      try {
        const rows = await db.query<{ result: unknown }>(
          `select ${fn}(${names.map((name, i) => `${name} => $${i + 1}`).join(', ')}) as result`,
          names.map((name) => { const v = args[name]; return v !== null && typeof v === 'object' ? JSON.stringify(v) : v; }),
        );
        return new Response(JSON.stringify(rows[0]?.result ?? null), { status: 200, headers: { 'content-type': 'application/json' } });
      } catch (error) {
        const e = error as { code?: string; message?: string; hint?: string };
        return new Response(JSON.stringify({ code: e.code, message: e.message, details: null, hint: e.hint ?? null }), { status: 400 });
      }
    },
  };
  return fake;
}
