import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { LOCAL_APP_ACCOUNT, LOCAL_SPACE_ID } from './local-confluence-site';
import type { LocalComment, LocalConfluenceSite, LocalPage, SiteRefusal } from './local-confluence-site';

/** The password every local account signs in with (Basic `<accountId>:<token>`): the local site has no secrets. */
export const LOCAL_CONFLUENCE_TOKEN = 'local-confluence';

const MAX_LIMIT = 250;
const UsersBulkBodySchema = z.object({ accountIds: z.array(z.string().min(1).max(128)).min(1).max(MAX_LIMIT) });
/** POST /app/report-accounts, as @forge/api's privacy.reportPersonalData sends it: 1 to 90 accounts. */
const ReportAccountsBodySchema = z.object({
  accounts: z
    .array(z.object({ accountId: z.string().min(1).max(128), updatedAt: z.iso.datetime({ offset: true }) }))
    .min(1)
    .max(90),
});
const MAX_DEPTH = 5;
const JSON_TYPE = 'application/json;charset=UTF-8';

export interface LocalConfluenceOptions {
  /** Answers this share of calls (0..1) with 429 and Retry-After, deterministically. */
  rateLimitShare?: number;
  retryAfterSeconds?: number;
  /** Added to every request, as a far-away Confluence would (the bench's 50 ms case). */
  latencyMs?: number;
  accounts: ReadonlySet<string>;
  /** Display names of the accounts (POST /users-bulk); an account without one shows its id. */
  displayNames?: ReadonlyMap<string, string>;
}

interface LocalConfluenceStats {
  requests: number;
  rateLimited: number;
  byRoute: Record<string, number>;
}

const CursorSchema = z.object({ p: z.string(), o: z.number().int().min(0) });
const encodeCursor = (pageId: string, offset: number) =>
  Buffer.from(JSON.stringify({ p: pageId, o: offset })).toString('base64url');
function decodeCursor(cursor: string, pageId: string): number | null {
  try {
    const parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown);
    return parsed.p === pageId ? parsed.o : null;
  } catch {
    return null;
  }
}

const StorageBodySchema = z.object({ representation: z.literal('storage'), value: z.string().max(500_000) });

const UpdateBodySchema = z.object({
  id: z.string(),
  status: z.string(),
  title: z.string().min(1).max(255),
  version: z.object({ number: z.number().int(), message: z.string().optional() }),
  body: StorageBodySchema.optional(),
  /** Moves the page under another page of the space (a restore names the page's parent again). */
  parentId: z
    .string()
    .regex(/^[0-9]{1,20}$/)
    .optional(),
});

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REFUSALS: Record<SiteRefusal, [number, string]> = {
  not_found: [404, 'NOT_FOUND'],
  forbidden: [403, 'FORBIDDEN'],
  conflict: [409, 'CONFLICT'],
  bad_request: [400, 'INVALID_REQUEST_PARAMETER'],
};

const CreatePageBodySchema = z.object({
  spaceId: z.string(),
  status: z.literal('current').optional(),
  title: z.string().min(1).max(255),
  parentId: z.string().regex(/^[0-9]{1,20}$/),
  body: StorageBodySchema,
});
const CreateCommentBodySchema = z.object({ pageId: z.string().regex(/^[0-9]{1,20}$/), body: StorageBodySchema });

/** A small deterministic generator, so a 429 share gives the same storm on every run. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The Confluence REST v2 subset the cleanup uses, answered from a LocalConfluenceSite with the
 * real API's shapes (a test checks every answer against confluence.js's published schemas):
 * descendants with opaque cursors and limit capped at 250, pages by id with any status, a page's
 * permitted operations, DELETE to the trash, PUT status current to restore. Per-user permissions
 * through Basic auth; a switch answers a share of calls with 429 and Retry-After.
 */
export function createLocalConfluence(site: LocalConfluenceSite, options: LocalConfluenceOptions) {
  const random = sequence(20261124);
  const stats: LocalConfluenceStats = { requests: 0, rateLimited: 0, byRoute: {} };
  const settings = {
    rateLimitShare: options.rateLimitShare ?? 0,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    latencyMs: options.latencyMs ?? 0,
  };

  function accountOf(request: IncomingMessage): string {
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Basic' || encoded === undefined)
      throw new ApiError(401, 'UNAUTHORIZED', 'Basic authentication required');
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const account = decoded.slice(0, separator);
    if (
      separator < 0 ||
      decoded.slice(separator + 1) !== LOCAL_CONFLUENCE_TOKEN ||
      !options.accounts.has(account) ||
      site.accountChange(account)?.status === 'closed'
    ) {
      throw new ApiError(401, 'UNAUTHORIZED', 'Unknown account or wrong API token');
    }
    return account;
  }

  const pageLinks = (page: LocalPage) => ({
    webui: `/pages/viewpage.action?pageId=${page.id}`,
    editui: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${page.id}`,
  });

  const summary = (page: LocalPage) => ({
    id: page.id,
    status: page.status,
    title: page.title,
    spaceId: LOCAL_SPACE_ID,
    parentId: page.parentId,
    parentType: page.parentId === null ? null : 'page',
    position: page.position,
    authorId: page.authorId,
    ownerId: page.authorId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    version: {
      createdAt: page.lastModified,
      message: '',
      number: page.version,
      minorEdit: false,
      authorId: page.authorId,
    },
    _links: pageLinks(page),
  });

  function limitOf(url: URL, fallback: number): number {
    const raw = url.searchParams.get('limit');
    if (raw === null) return fallback;
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1)
      throw new ApiError(400, 'INVALID_REQUEST_PARAMETER', 'limit must be a positive integer');
    return Math.min(limit, MAX_LIMIT);
  }

  function descendants(account: string, id: string, url: URL) {
    const root = site.page(id);
    if (root === undefined || (root.status !== 'current' && root.status !== 'archived') || !site.canView(account, root))
      throw new ApiError(404, 'NOT_FOUND', `No content found with id ${id}`);
    const limit = limitOf(url, 25);
    const depthParam = url.searchParams.get('depth');
    const depth = depthParam === null ? MAX_DEPTH : Number(depthParam);
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH)
      throw new ApiError(400, 'INVALID_REQUEST_PARAMETER', `depth must be between 1 and ${MAX_DEPTH}`);
    const cursor = url.searchParams.get('cursor');
    const offset = cursor === null ? 0 : decodeCursor(cursor, id);
    if (offset === null) throw new ApiError(400, 'INVALID_REQUEST_PARAMETER', 'Invalid cursor');
    const all = site.descendants(account, id, depth);
    const slice = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    return {
      results: slice.map(({ page, depth: level }) => ({
        id: page.id,
        status: page.status,
        title: page.title,
        type: 'page',
        parentId: page.parentId ?? '',
        depth: level,
        childPosition: page.position,
        lastModified: page.lastModified,
      })),
      _links: {
        base: '/wiki',
        ...(more
          ? {
              next: `/wiki/api/v2/pages/${id}/descendants?limit=${limit}&depth=${depth}&cursor=${encodeCursor(id, offset + limit)}`,
            }
          : {}),
      },
    };
  }

  function pagesById(account: string, url: URL) {
    const ids = url.searchParams
      .getAll('id')
      .flatMap((value) => value.split(','))
      .filter((value) => value !== '');
    if (ids.length > MAX_LIMIT) throw new ApiError(400, 'INVALID_REQUEST_PARAMETER', `At most ${MAX_LIMIT} ids`);
    if (ids.some((value) => !/^[0-9]{1,20}$/.test(value)))
      throw new ApiError(400, 'INVALID_REQUEST_PARAMETER', 'ids must be numbers');
    const statusParam = url.searchParams.getAll('status').flatMap((value) => value.split(','));
    const statuses = new Set(statusParam.length === 0 ? ['current', 'archived'] : statusParam);
    const limit = limitOf(url, 25);
    const found = ids
      .map((value) => site.page(value))
      .filter(
        (page): page is LocalPage => page !== undefined && statuses.has(page.status) && site.canView(account, page),
      );
    return { results: found.slice(0, limit).map(summary), _links: { base: '/wiki' } };
  }

  function visiblePage(account: string, id: string): LocalPage {
    const page = site.page(id);
    if (page === undefined || page.status === 'deleted' || !site.canView(account, page))
      throw new ApiError(404, 'NOT_FOUND', `No content found with id ${id}`);
    return page;
  }

  function operations(account: string, id: string) {
    visiblePage(account, id);
    const may = site.canDelete(account);
    return {
      operations: [
        { operation: 'read', targetType: 'page' },
        ...(may
          ? [
              { operation: 'update', targetType: 'page' },
              { operation: 'delete', targetType: 'page' },
            ]
          : []),
      ],
    };
  }

  function refused(outcome: SiteRefusal, id: string): never {
    const [status, code] = REFUSALS[outcome];
    throw new ApiError(
      status,
      code,
      outcome === 'conflict'
        ? `Version conflict on page ${id}`
        : outcome === 'bad_request'
          ? 'A page with this title already exists in this space'
          : `Not permitted on page ${id}`,
    );
  }

  async function readJson(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
      throw new ApiError(400, 'INVALID_REQUEST_BODY', 'Malformed JSON');
    }
  }

  function reply(response: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    response.writeHead(status, { ...(body === undefined ? {} : { 'content-type': JSON_TYPE }), ...headers });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }

  /** POST /users-bulk: the accounts of the site among the ids asked for, with their display names. */
  async function usersBulk(request: IncomingMessage, response: ServerResponse): Promise<true> {
    stats.requests += 1;
    stats.byRoute['POST /users-bulk'] = (stats.byRoute['POST /users-bulk'] ?? 0) + 1;
    try {
      accountOf(request);
      if (request.method !== 'POST')
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${request.method ?? ''} is not supported here`);
      const body = UsersBulkBodySchema.safeParse(await readJson(request));
      if (!body.success)
        throw new ApiError(400, 'INVALID_REQUEST_BODY', 'accountIds (1 to 250 account ids) is required');
      const results = body.data.accountIds
        .filter((id) => options.accounts.has(id))
        .map((accountId) => {
          const displayName = options.displayNames?.get(accountId) ?? accountId;
          return {
            accountId,
            accountType: 'atlassian',
            accountStatus: 'active',
            displayName,
            publicName: displayName,
            timeZone: 'UTC',
            isExternalCollaborator: false,
            profilePicture: null,
            personalSpaceId: null,
          };
        });
      reply(response, 200, { results, _links: { base: '/wiki' } });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply(response, error.status, {
        errors: [{ status: error.status, code: error.code, title: error.message, detail: null }],
      });
    }
    return true;
  }

  const withBody = (page: LocalPage) => ({
    ...summary(page),
    ...(page.body === undefined ? {} : { body: { storage: { representation: 'storage', value: page.body } } }),
    _links: { ...pageLinks(page), base: '/wiki' },
  });

  const commentOf = (comment: LocalComment) => ({
    id: comment.id,
    status: 'current',
    title: `Re: ${site.page(comment.pageId)?.title ?? ''}`,
    pageId: comment.pageId,
    version: { createdAt: comment.createdAt, message: '', number: 1, minorEdit: false, authorId: comment.authorId },
    body: { storage: { representation: 'storage', value: comment.body } },
    _links: { webui: `/pages/viewpage.action?pageId=${comment.pageId}&focusedCommentId=${comment.id}` },
  });

  /** POST /footer-comments: a comment on a page, as the signed-in account. */
  async function newComment(request: IncomingMessage, response: ServerResponse): Promise<true> {
    stats.requests += 1;
    stats.byRoute['POST /footer-comments'] = (stats.byRoute['POST /footer-comments'] ?? 0) + 1;
    try {
      const account = accountOf(request);
      if (request.method !== 'POST')
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${request.method ?? ''} is not supported here`);
      const body = CreateCommentBodySchema.safeParse(await readJson(request));
      if (!body.success) throw new ApiError(400, 'INVALID_REQUEST_BODY', 'pageId and a storage body are required');
      const made = site.addComment(account, body.data.pageId, body.data.body.value);
      if (typeof made === 'string') refused(made, body.data.pageId);
      reply(response, 201, commentOf(made));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply(response, error.status, {
        errors: [{ status: error.status, code: error.code, title: error.message, detail: null }],
      });
    }
    return true;
  }

  /**
   * POST /app/report-accounts: Atlassian's personal data reporting API for apps. Of the accounts
   * reported, those closed (whenever) and those updated after the time the app gave; 204 when none.
   */
  async function reportAccounts(request: IncomingMessage, response: ServerResponse): Promise<true> {
    stats.requests += 1;
    stats.byRoute['POST /app/report-accounts'] = (stats.byRoute['POST /app/report-accounts'] ?? 0) + 1;
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    try {
      if (accountOf(request) !== LOCAL_APP_ACCOUNT)
        throw new ApiError(403, 'FORBIDDEN', 'Only the app reports accounts');
      if (request.method !== 'POST')
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${request.method ?? ''} is not supported here`);
      if (settings.rateLimitShare > 0 && random() < settings.rateLimitShare) {
        stats.rateLimited += 1;
        reply(response, 429, undefined, { 'retry-after': String(settings.retryAfterSeconds) });
        return true;
      }
      const body = ReportAccountsBodySchema.safeParse(await readJson(request));
      if (!body.success) throw new ApiError(400, 'INVALID_REQUEST_BODY', 'accounts (1 to 90, each with updatedAt)');
      const accounts = body.data.accounts.flatMap(
        ({ accountId, updatedAt }): { accountId: string; status: string }[] => {
          const change = site.accountChange(accountId);
          if (change === undefined) return [];
          if (change.status === 'closed') return [{ accountId, status: 'closed' }];
          return Date.parse(change.at) > Date.parse(updatedAt) ? [{ accountId, status: 'updated' }] : [];
        },
      );
      if (accounts.length === 0) reply(response, 204);
      else reply(response, 200, { accounts });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply(response, error.status, {
        errors: [{ status: error.status, code: error.code, title: error.message, detail: null }],
      });
    }
    return true;
  }

  /** Answers a request under /wiki/api/v2/ (and /app/report-accounts); false when the path is not one of this subset. */
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://local-confluence');
    const method = request.method ?? 'GET';
    if (url.pathname === '/app/report-accounts') return reportAccounts(request, response);
    if (url.pathname === '/wiki/api/v2/users-bulk') return usersBulk(request, response);
    if (url.pathname === '/wiki/api/v2/footer-comments') return newComment(request, response);
    const match = /^\/wiki\/api\/v2\/pages(?:\/([0-9]{1,20})(?:\/(descendants|operations|footer-comments))?)?$/.exec(
      url.pathname,
    );
    if (match === null) return false;
    const [, id, sub] = match;
    const routeName = `${method} /pages${id === undefined ? '' : '/{id}'}${sub === undefined ? '' : `/${sub}`}`;
    stats.requests += 1;
    stats.byRoute[routeName] = (stats.byRoute[routeName] ?? 0) + 1;
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    try {
      const account = accountOf(request);
      if (settings.rateLimitShare > 0 && random() < settings.rateLimitShare) {
        stats.rateLimited += 1;
        reply(
          response,
          429,
          { errors: [{ status: 429, code: 'TOO_MANY_REQUESTS', title: 'Rate limit exceeded', detail: null }] },
          { 'retry-after': String(settings.retryAfterSeconds) },
        );
        return true;
      }
      if (method === 'GET' && id === undefined) reply(response, 200, pagesById(account, url));
      else if (method === 'POST' && id === undefined) {
        const body = CreatePageBodySchema.safeParse(await readJson(request));
        if (!body.success || body.data.spaceId !== LOCAL_SPACE_ID)
          throw new ApiError(400, 'INVALID_REQUEST_BODY', 'spaceId, title, parentId and a storage body are required');
        const made = site.create(account, {
          parentId: body.data.parentId,
          title: body.data.title,
          body: body.data.body.value,
        });
        if (typeof made === 'string') refused(made, body.data.parentId);
        reply(response, 200, withBody(made));
      } else if (method === 'GET' && id !== undefined && sub === 'footer-comments') {
        visiblePage(account, id);
        reply(response, 200, {
          results: site.commentsOf(id).slice(0, limitOf(url, 25)).map(commentOf),
          _links: { base: '/wiki' },
        });
      } else if (method === 'GET' && id !== undefined && sub === 'descendants')
        reply(response, 200, descendants(account, id, url));
      else if (method === 'GET' && id !== undefined && sub === 'operations')
        reply(response, 200, operations(account, id));
      else if (method === 'DELETE' && id !== undefined && sub === undefined) {
        const outcome = site.trash(account, id);
        if (outcome !== null) refused(outcome, id);
        reply(response, 204);
      } else if (method === 'PUT' && id !== undefined && sub === undefined) {
        const body = UpdateBodySchema.safeParse(await readJson(request));
        if (!body.success || body.data.id !== id)
          throw new ApiError(400, 'INVALID_REQUEST_BODY', 'id, status, title and version.number are required');
        const outcome = site.update(account, id, {
          status: body.data.status,
          title: body.data.title,
          version: body.data.version.number,
          parentId: body.data.parentId,
          body: body.data.body?.value,
        });
        if (typeof outcome === 'string') refused(outcome, id);
        reply(response, 200, withBody(outcome));
      } else throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported here`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply(response, error.status, {
        errors: [{ status: error.status, code: error.code, title: error.message, detail: null }],
      });
    }
    return true;
  }

  return {
    handle,
    stats,
    settings,
    resetStats() {
      stats.requests = 0;
      stats.rateLimited = 0;
      stats.byRoute = {};
    },
  };
}

export type LocalConfluence = ReturnType<typeof createLocalConfluence>;
