import { asApp, asUser, route } from '@forge/api';
import type { APIResponse, RequestInit as ForgeRequestInit, Route } from '@forge/api';
import type { Deadline } from '../shared/deadline';
import type { FetchLike } from '../shared/retrying-fetch';
import type { ConfluenceAccess } from './confluence-port';
import { createConfluenceRestClient } from './confluence-rest-client';
import { confluenceRoutes } from './confluence-routes';

const routes = confluenceRoutes<Route>(route);
const NO_BODY = new Set([204, 205, 304]);

/** Forge's response as a standard one, which the retries and the parsers read (Confluence, the privacy report). */
export async function standardResponse(reply: APIResponse): Promise<Response> {
  const headers = new Headers();
  reply.headers.forEach((value, key) => headers.append(key, value));
  return new Response(NO_BODY.has(reply.status) ? null : await reply.text(), {
    status: reply.status,
    statusText: reply.statusText,
    headers,
  });
}

function plainHeaders(headers: Headers): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, key) => {
    plain[key] = value;
  });
  return plain;
}

/** The request init Forge takes: string bodies and plain headers are all the port sends. */
function forgeInit(init: RequestInit = {}): ForgeRequestInit {
  return {
    ...(init.method ? { method: init.method } : {}),
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
    ...(init.headers ? { headers: plainHeaders(new Headers(init.headers)) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  };
}

const sender =
  (request: (path: Route, init: ForgeRequestInit) => Promise<APIResponse>): FetchLike<Route> =>
  async (path, init) =>
    standardResponse(await request(path, forgeInit(init)));

/**
 * Confluence from Forge: `requestConfluence` with the `route` tag. asUser() is the invoking
 * principal, so Confluence's own permissions decide every action a person takes; asApp() is
 * for the scheduled scan only. The account id is the runtime's principal, already the caller.
 */
export function createForgeConfluenceAccess(deadline: Deadline): ConfluenceAccess {
  return {
    asUser: () =>
      createConfluenceRestClient({
        routes,
        send: sender((path, init) => asUser().requestConfluence(path, init)),
        deadline,
        actingAs: 'user',
      }),
    asApp: () =>
      createConfluenceRestClient({
        routes,
        send: sender((path, init) => asApp().requestConfluence(path, init)),
        deadline,
        actingAs: 'app',
      }),
  };
}
