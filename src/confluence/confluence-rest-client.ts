import type { z } from 'zod';
import { AppError } from '../shared/app-error';
import { DeadlineExceededError } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import type { RetryPolicy } from '../shared/retry-delay';
import { createRetryingFetch } from '../shared/retrying-fetch';
import { refusal, unknownShape } from './confluence-refusal';
import type { Operation } from './confluence-refusal';
import type { FetchLike } from '../shared/retrying-fetch';
import type { ConfluencePort, DescendantPage, PageDetail, PageStatus } from './confluence-port';
import { CONFLUENCE_PAGE_LIMIT } from './confluence-port';
import type { ConfluenceRoutes } from './confluence-routes';
import { confluenceSchemas } from './confluence-schemas';
import type { ConfluenceSchemas } from './confluence-schemas';

/** Confluence answers 429 in storms: more attempts than Supabase gets, each wait honouring Retry-After. */
const CONFLUENCE_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  timeoutMs: 8_000,
};

export interface ConfluenceRestClientOptions<R> {
  routes: ConfluenceRoutes<R>;
  /** One request: Forge's requestConfluence (as the user or the app), or fetch with an API token. */
  send: FetchLike<R>;
  deadline: Deadline;
  /** Who acts, for messages: "you" (as the user) or "the app". */
  actingAs: 'user' | 'app';
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

const STATUSES: ReadonlySet<string> = new Set(['current', 'archived', 'trashed', 'deleted']);
const asStatus = (value: unknown): PageStatus | null =>
  typeof value === 'string' && STATUSES.has(value) ? (value as PageStatus) : null;

const isoOrNull = (value: Date | undefined): string | null =>
  value === undefined || Number.isNaN(value.getTime()) ? null : value.toISOString();

/** The `cursor` of a `_links.next` such as `/wiki/api/v2/pages/1/descendants?limit=250&cursor=…`. */
function cursorOfNextLink(next: string | undefined): string | null {
  if (next === undefined || next === '') return null;
  return new URL(next, 'https://confluence.invalid').searchParams.get('cursor');
}

/** The port over Confluence REST v2, for any transport that sends one request (see confluence-routes.ts). */
export function createConfluenceRestClient<R>(options: ConfluenceRestClientOptions<R>): ConfluencePort {
  const fetch = createRetryingFetch(options.send, {
    policy: options.policy ?? CONFLUENCE_RETRY_POLICY,
    deadline: options.deadline,
    // Trash and restore are safe to send again: a page already trashed (or restored) answers 404 / 409, read as such.
    retryAmbiguous: true,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });

  // A new page or comment is not sent again after an ambiguous failure (it could be made twice): the
  // next delivery run looks for it first.
  const fetchOnce = createRetryingFetch(options.send, {
    policy: options.policy ?? CONFLUENCE_RETRY_POLICY,
    deadline: options.deadline,
    retryAmbiguous: false,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });

  async function request(operation: Operation, pageId: string, path: R, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await (init.method === 'POST' ? fetchOnce : fetch)(path, init);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'transient',
        error instanceof DeadlineExceededError
          ? 'No time was left to reach Confluence'
          : 'Confluence could not be reached',
        {
          guidance: 'Try again in a moment: work already done is kept and not repeated.',
          retryable: true,
          cause: error,
        },
      );
    }
    if (response.ok) return response;
    await response.body?.cancel().catch(() => undefined);
    throw refusal(operation, pageId, response.status, options.actingAs, response.headers.get('retry-after'));
  }

  async function parsed<T>(response: Response, schema: (schemas: ConfluenceSchemas) => z.ZodType<T>): Promise<T> {
    const result = schema(await confluenceSchemas()).safeParse(await response.json());
    if (!result.success) throw unknownShape(result.error);
    return result.data;
  }

  async function descendantsAt(
    pageId: string,
    path: R,
  ): Promise<{ pages: DescendantPage[]; nextCursor: string | null }> {
    const reply = await parsed(await request('list', pageId, path), (s) => s.PageDescendantsSchema);
    const pages: DescendantPage[] = (reply.results ?? [])
      .filter((entry) => entry.type === undefined || entry.type === 'page')
      .flatMap((entry) =>
        entry.id === undefined
          ? []
          : [
              {
                id: entry.id,
                title: entry.title ?? '',
                status: asStatus(entry.status) ?? 'current',
                parentId: entry.parentId ?? null,
                depth: entry.depth ?? 1,
                lastModified: entry.lastModified ?? null,
              },
            ],
      );
    return { pages, nextCursor: cursorOfNextLink(reply._links?.next) };
  }

  return {
    listDescendants: (pageId, cursor) => descendantsAt(pageId, options.routes.descendants(pageId, cursor)),
    async listChildren(pageId) {
      return (await descendantsAt(pageId, options.routes.children(pageId))).pages;
    },
    async getPages(ids) {
      if (ids.length === 0) return [];
      if (ids.length > CONFLUENCE_PAGE_LIMIT) throw new Error(`getPages takes at most ${CONFLUENCE_PAGE_LIMIT} ids`);
      const reply = await parsed(await request('read', ids[0] ?? '', options.routes.pages(ids)), (s) => s.PagesSchema);
      return (reply.results ?? []).flatMap((entry): PageDetail[] => {
        const status = asStatus(entry.status);
        if (entry.id === undefined || status === null) return [];
        return [
          {
            id: entry.id,
            title: entry.title ?? '',
            status,
            parentId: entry.parentId ?? null,
            version: entry.version?.number ?? 1,
            lastModified: isoOrNull(entry.version?.createdAt),
            spaceId: entry.spaceId ?? null,
          },
        ];
      });
    },
    async permittedOperations(pageId) {
      const reply = await parsed(
        await request('read', pageId, options.routes.operations(pageId)),
        (s) => s.PermittedOperationsSchema,
      );
      return (reply.operations ?? [])
        .filter((entry) => entry.targetType === undefined || entry.targetType === 'page')
        .flatMap((entry) => (entry.operation === undefined ? [] : [entry.operation]));
    },
    async trashPage(pageId) {
      await request('delete', pageId, options.routes.page(pageId), { method: 'DELETE' });
    },
    async restorePage(page) {
      const body = {
        id: page.id,
        status: 'current',
        title: page.title,
        version: { number: page.version + 1, message: 'Restored by HDC Ops orphan cleanup' },
        // Confluence puts a restored page at the top of its space's tree when its parent was trashed meanwhile: name the parent.
        ...(page.parentId === null ? {} : { parentId: page.parentId }),
      };
      const response = await request('restore', page.id, options.routes.page(page.id), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      await parsed(response, (s) => s.PageSchema);
    },
    async createPage(parent, page) {
      const body = {
        spaceId: parent.spaceId,
        status: 'current',
        title: page.title,
        parentId: parent.parentId,
        body: { representation: 'storage', value: page.storage },
      };
      const reply = await parsed(
        await request('publish', parent.parentId, options.routes.newPage(), jsonWrite('POST', body)),
        (s) => s.PageSchema,
      );
      return writtenPage(reply, parent.parentId);
    },
    async updatePage(page) {
      const body = {
        id: page.id,
        status: 'current',
        title: page.title,
        body: { representation: 'storage', value: page.storage },
        version: { number: page.version + 1, message: 'Written by HDC Ops' },
      };
      const reply = await parsed(
        await request('publish', page.id, options.routes.page(page.id), jsonWrite('PUT', body)),
        (s) => s.PageSchema,
      );
      return writtenPage(reply, page.id);
    },
    async footerCommentBodies(pageId) {
      const reply = await parsed(
        await request('read', pageId, options.routes.footerComments(pageId)),
        (s) => s.PageFooterCommentsSchema,
      );
      return (reply.results ?? []).flatMap((comment) => {
        const value = comment.body?.storage?.value;
        return typeof value === 'string' ? [value] : [];
      });
    },
    async addFooterComment(pageId, storage) {
      const body = { pageId, body: { representation: 'storage', value: storage } };
      const reply = await parsed(
        await request('comment', pageId, options.routes.newFooterComment(), jsonWrite('POST', body)),
        (s) => s.FooterCommentSchema,
      );
      if (reply.id === undefined) throw unknownShape(null);
      return reply.id;
    },
  };
}

function jsonWrite(method: 'POST' | 'PUT', body: unknown): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
}

/** The id and version of a page Confluence says it wrote. */
function writtenPage(
  reply: { id?: string | undefined; version?: { number?: number | undefined } | null | undefined },
  pageId: string,
) {
  if (reply.id === undefined) throw unknownShape(new Error(`No id in the answer for page ${pageId}`));
  return { id: reply.id, version: reply.version?.number ?? 1 };
}
