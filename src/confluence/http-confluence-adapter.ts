import type { Deadline } from '../shared/deadline';
import type { FetchLike } from '../shared/retrying-fetch';
import type { ConfluenceAccess } from './confluence-port';
import { createConfluenceRestClient } from './confluence-rest-client';
import { confluenceRoutes, httpPath } from './confluence-routes';

/** Basic credentials: an Atlassian account's email and API token (the local Confluence takes an account id). */
interface ConfluenceCredentials {
  email: string;
  apiToken: string;
}

export interface HttpConfluenceOptions {
  /** https://your-site.atlassian.net (the /wiki paths are added). */
  baseUrl: string;
  /** Who acts: the CLI has one token for both; the local host signs in as each demo user. */
  credentialsFor(actor: { accountId: string } | 'app'): ConfluenceCredentials;
  deadline: Deadline;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Confluence over HTTP with an API token, for the CLI (CONFLUENCE_BASE_URL, CONFLUENCE_EMAIL,
 * CONFLUENCE_API_TOKEN) and the local host. The token's owner is who Confluence sees: its
 * permissions decide, as a user's do in Forge.
 */
export function createHttpConfluenceAccess(options: HttpConfluenceOptions): ConfluenceAccess {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const clientFor = (actor: { accountId: string } | 'app') => {
    const { email, apiToken } = options.credentialsFor(actor);
    const authorization = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
    return createConfluenceRestClient<string>({
      routes: confluenceRoutes(httpPath),
      send: (path, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('accept', 'application/json');
        headers.set('authorization', authorization);
        return fetchImpl(`${base}${path}`, { ...init, headers });
      },
      deadline: options.deadline,
      actingAs: actor === 'app' ? 'app' : 'user',
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  };
  return { asUser: (accountId) => clientFor({ accountId }), asApp: () => clientFor('app') };
}
