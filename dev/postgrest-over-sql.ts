import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { SqlExecutor } from '../src/store/sql-executor';

const FUNCTION_PATH = /^\/rest\/v1\/rpc\/([a-z_][a-z0-9_]*)$/;

/**
 * What Supabase's PostgREST does for `POST /rest/v1/rpc/<fn>`, over a local SQL database: named
 * JSON arguments in, the function's JSON out, a database error as PostgREST's error body (400). For
 * running the Forge bundle outside Forge (the bundle test, the cold-start bench); it is not
 * PostgREST (no schema cache, roles or JWT).
 */
export async function answerRpc(
  db: Pick<SqlExecutor, 'query'>,
  fn: string,
  args: Record<string, unknown>,
): Promise<Response> {
  const names = Object.keys(args);
  if (!names.every((name) => /^[a-z_][a-z0-9_]*$/.test(name))) {
    return Response.json(
      { code: 'PGRST100', message: 'bad argument name', details: null, hint: null },
      { status: 400 },
    );
  }
  try {
    const rows = await db.query<{ result: unknown }>(
      `select ${fn}(${names.map((name, i) => `${name} => $${i + 1}`).join(', ')}) as result`,
      names.map((name) => {
        const value = args[name];
        return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
      }),
    );
    return Response.json(rows[0]?.result ?? null);
  } catch (error) {
    const e = error as { code?: string; message?: string; hint?: string };
    return Response.json({ code: e.code, message: e.message, details: null, hint: e.hint ?? null }, { status: 400 });
  }
}

/** The rpc endpoint over HTTP on 127.0.0.1, answering only requests that carry `apiKey`. */
export async function startPostgrestServer(
  db: Pick<SqlExecutor, 'query'>,
  apiKey: string,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const fn = FUNCTION_PATH.exec(new URL(request.url ?? '/', 'http://local').pathname)?.[1];
        let reply: Response;
        if (request.headers.apikey !== apiKey) {
          reply = Response.json({ code: 'PGRST301', message: 'Invalid API key' }, { status: 401 });
        } else if (request.method !== 'POST' || fn === undefined) {
          reply = Response.json({ code: 'PGRST202', message: 'Could not find the function' }, { status: 404 });
        } else {
          reply = await answerRpc(
            db,
            fn,
            JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
          );
        }
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(await reply.text());
      })();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
