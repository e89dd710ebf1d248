import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import type { App } from '../src/app/create-app';
import { PageIdSchema } from '../src/contract/ids';
import { buildResolverDefinitions } from '../src/forge/resolver-definitions';
import { DEMO_ACCOUNTS } from '../src/seed/demo-hdc';
import { DEMO_DISPLAY_NAMES } from './local-confluence/demo-confluence-pages';
import type { SiteId } from '../src/shared/site';
import { buildSyncBylineProperties } from '../src/forge/sync-byline-properties';
import { CONSOLE_PATH, DEMO_USERS, pageUrl, renderConsolePage, renderHostPage } from './host-page';
import type { ColorMode } from './host-page';
import { LOCAL_CONFLUENCE_TOKEN } from './local-confluence/local-confluence-server';
import type { LocalConfluence } from './local-confluence/local-confluence-server';
import type { LocalConfluenceSite } from './local-confluence/local-confluence-site';
import { hostPagesOf } from './page-tree';
import { HttpError, JSON_TYPE, readBody, send } from './host-http';
import { handleDemoSwitch } from './host-switches';

export interface LocalHostDeps {
  app: App;
  /** The site this host plays: Forge's installContext for every call it forwards. */
  site: SiteId;
  /** The local Confluence: its pages are the host's page tree, its REST v2 subset is served under /wiki/api/v2/. */
  confluence: { site: LocalConfluenceSite; api: LocalConfluence };
  /** static/dist: one built folder per macro. */
  macrosDir: string;
  /** dev/public: the host page's script and styles, and the bridge shim. */
  publicDir: string;
  tokenCss: string;
  /** The HDC parent page: the site's home, whose child pages are the event pages. */
  parentPageId: string;
  /** The top bar's "Trigger a demo incident": failing calls, then the alert evaluation and its delivery. */
  demoIncident?: () => Promise<void>;
  /** The top bar's "Run the privacy report": the daily trigger's run, now. */
  privacyReport?: () => Promise<void>;
  /** Now, for the account changes the top bar makes. */
  now?: () => Date;
  log?: (line: string) => void;
}

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const CONTENT_TYPES: Record<string, string> = {
  '.html': HTML,
  '.js': 'text/javascript; charset=utf-8',
  '.css': CSS,
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': JSON_TYPE,
};
/** The Custom UI resources the host serves: the macros, and the confirmation they open as a bridge Modal. */
const MACROS = new Set([
  'sync-panel',
  'decision-tree',
  'registry',
  'weekly-report',
  'orphan-cleanup',
  'confirm-dialog',
  'ops-console',
  'sync-byline',
]);

const InvokeRequestSchema = z.strictObject({
  functionKey: z.string().min(1).max(100),
  payload: z.unknown().optional(),
  moduleKey: z.string().max(100),
  pageId: PageIdSchema.optional(),
});

/** requestConfluence from a macro (@forge/bridge `fetchProduct`): the local Confluence REST v2 only. */
const FetchProductSchema = z.strictObject({
  product: z.literal('confluence'),
  restPath: z.string().regex(/^\/wiki\/api\/v2\/[A-Za-z0-9/_?=&%.-]{1,400}$/),
  method: z.enum(['GET', 'POST']).default('GET'),
  body: z.string().max(100_000).nullable().optional(),
});

function cookiesOf(request: IncomingMessage): Map<string, string> {
  const header = request.headers.cookie ?? '';
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== undefined && pair[1] !== undefined)
      .map(([key, value]) => [key, decodeURIComponent(value)]),
  );
}

function sessionOf(request: IncomingMessage): { accountId: string; colorMode: ColorMode } {
  const cookies = cookiesOf(request);
  const user = cookies.get('hdc_dev_user');
  const accountId =
    DEMO_USERS.some((candidate) => candidate.accountId === user) && user ? user : DEMO_ACCOUNTS.primaryAdmin;
  return { accountId, colorMode: cookies.get('hdc_dev_theme') === 'dark' ? 'dark' : 'light' };
}

/** A file under `root`, never outside it. */
async function readUnder(root: string, relativePath: string): Promise<Buffer> {
  const path = normalize(join(root, relativePath));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) throw new HttpError(404, 'Not found');
  try {
    return await readFile(path);
  } catch {
    throw new HttpError(404, 'Not found');
  }
}

/**
 * The local Forge host: a Confluence-like site whose pages hold the HDC Ops macros in sandboxed
 * iframes. Macro calls arrive at POST /dev/invoke and run through the same resolver definitions
 * Forge runs (src/forge/resolver-definitions.ts), with the signed-in demo user as the principal.
 */
export function createLocalHost(deps: LocalHostDeps): Server {
  const handler = buildResolverDefinitions({ app: () => Promise.resolve(deps.app), logError: deps.log });
  const bylineProperties = buildSyncBylineProperties({ app: () => Promise.resolve(deps.app), log: deps.log });
  /** What Forge gives a function: the installation, and the signed-in person as the principal. */
  const forgeContext = (accountId: string) => ({ installContext: deps.site, principal: { accountId } });
  const displayName = (id: string) => DEMO_DISPLAY_NAMES.get(id) ?? id;

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local-host');
    const session = sessionOf(request);

    if (request.method === 'GET' && url.pathname === '/') {
      send(response, 302, 'text/plain', '', { location: pageUrl(deps.parentPageId) });
      return;
    }
    if (
      (url.pathname.startsWith('/wiki/api/v2/') || url.pathname === '/app/report-accounts') &&
      (await deps.confluence.api.handle(request, response))
    )
      return;
    if (request.method === 'GET' && url.pathname === '/wiki/pages/viewpage.action') {
      const pages = hostPagesOf(deps.confluence.site, session.accountId);
      const page = pages.find((candidate) => candidate.id === url.searchParams.get('pageId'));
      if (page === undefined) throw new HttpError(404, 'No such page in the local site');
      const site = deps.confluence.site;
      // As Confluence does, once per page view: the byline item's dynamic properties from the app's function.
      const byline = await bylineProperties(
        { extension: { content: { id: page.id } } },
        forgeContext(session.accountId),
      );
      send(
        response,
        200,
        HTML,
        renderHostPage({
          pages,
          page,
          ...session,
          comments: site.commentsOf(page.id),
          notifications: site.notificationsOf(session.accountId),
          displayName,
          byline,
        }),
      );
      return;
    }
    if (request.method === 'GET' && url.pathname === CONSOLE_PATH) {
      send(
        response,
        200,
        HTML,
        renderConsolePage({
          ...session,
          notifications: deps.confluence.site.notificationsOf(session.accountId),
          displayName,
        }),
      );
      return;
    }
    if (await handleDemoSwitch(request, response, url, deps, session.accountId)) return;
    if (request.method === 'POST' && url.pathname === '/dev/invoke') {
      const parsed = InvokeRequestSchema.safeParse(JSON.parse(await readBody(request)) as unknown);
      if (!parsed.success) throw new HttpError(400, 'Malformed bridge call');
      const { functionKey, payload, moduleKey, pageId } = parsed.data;
      const reply = await handler(
        {
          call: { functionKey, payload },
          context: {
            moduleKey,
            extension: { type: 'macro', ...(pageId ? { content: { id: pageId, type: 'page' } } : {}) },
          },
        },
        // What the Forge runtime gives a resolver: the principal and the installation, never the iframe's word.
        forgeContext(session.accountId) as never,
      );
      send(response, 200, JSON_TYPE, JSON.stringify(reply));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/dev/fetch-product') {
      // As Confluence does for requestConfluence from a Custom UI frame: the call acts as the viewer.
      const parsed = FetchProductSchema.safeParse(JSON.parse(await readBody(request)) as unknown);
      if (!parsed.success)
        throw new HttpError(400, 'The local host serves requestConfluence for /wiki/api/v2/ paths only');
      const { restPath, method, body } = parsed.data;
      const { port } = server.address() as AddressInfo;
      const upstream = await fetch(`http://127.0.0.1:${port}${restPath}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${session.accountId}:${LOCAL_CONFLUENCE_TOKEN}`).toString('base64')}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        ...(method === 'POST' && body ? { body } : {}),
      });
      send(
        response,
        200,
        JSON_TYPE,
        JSON.stringify({
          status: upstream.status,
          statusText: upstream.statusText,
          headers: { 'content-type': upstream.headers.get('content-type') ?? JSON_TYPE },
          body: await upstream.text(),
        }),
      );
      return;
    }
    if (request.method === 'GET' && url.pathname === '/dev/tokens.css') {
      send(response, 200, CSS, deps.tokenCss, { 'access-control-allow-origin': '*' });
      return;
    }
    if (request.method === 'GET' && url.pathname.startsWith('/dev/')) {
      const file = url.pathname.slice('/dev/'.length);
      send(
        response,
        200,
        CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        await readUnder(deps.publicDir, file),
        {
          'access-control-allow-origin': '*',
        },
      );
      return;
    }
    const [, name, file] = /^\/macro\/([a-z-]+)\/(.+)$/.exec(url.pathname) ?? [];
    if (request.method === 'GET' && name !== undefined && file !== undefined && MACROS.has(name)) {
      let body = await readUnder(join(deps.macrosDir, name), file).catch((error: unknown) => {
        if (file === 'index.html') {
          throw new HttpError(503, `The ${name} macro is not built: run npm run build (npm start does it).`);
        }
        throw error;
      });
      if (file === 'index.html') {
        // The bridge must exist before @forge/bridge loads, as Confluence provides it.
        body = Buffer.from(
          body.toString('utf8').replace('<head>', '<head>\n    <script src="/dev/bridge-shim.js"></script>'),
        );
      }
      // The iframe is sandboxed without same-origin (as a Forge app's own origin is not the site's):
      // its module scripts are cross-origin requests.
      send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body, {
        'access-control-allow-origin': '*',
      });
      return;
    }
    throw new HttpError(404, 'Not found');
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : error instanceof SyntaxError ? 400 : 500;
      const message =
        error instanceof HttpError ? error.message : status === 400 ? 'Malformed request' : 'Local host error';
      if (status === 500) deps.log?.(`[hdc-local-host] ${request.method ?? ''} ${request.url ?? ''}: ${String(error)}`);
      if (!response.headersSent) send(response, status, JSON_TYPE, JSON.stringify({ message }));
      else response.end();
    });
  });
  return server;
}
