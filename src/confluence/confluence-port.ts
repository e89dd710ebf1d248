/** Page statuses the cleanup reads (Confluence also knows draft and historical, which it never meets). */
export type PageStatus = 'current' | 'archived' | 'trashed' | 'deleted';

/** A page under the HDC parent, as the descendants listing gives it. */
export interface DescendantPage {
  id: string;
  title: string;
  status: PageStatus;
  parentId: string | null;
  /** Depth under the listed page: its children are 1. */
  depth: number;
  lastModified: string | null;
}

/** A page looked up by id, with its version (the cleanup's "unchanged since planning" check). */
export interface PageDetail {
  id: string;
  title: string;
  status: PageStatus;
  parentId: string | null;
  version: number;
  lastModified: string | null;
  /** The page's space (new pages under it are made there); null when Confluence does not say. */
  spaceId: string | null;
}

/** A page HDC Ops writes (an incident, the standing alerts page, a weekly report), in storage format. */
interface PageWrite {
  title: string;
  /** Confluence storage format (XHTML with ac:/ri: elements); mentions are <ri:user ri:account-id>. */
  storage: string;
}

interface DescendantsPage {
  pages: DescendantPage[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

/** Descendants per request and ids per lookup: Confluence's own caps. */
export const CONFLUENCE_PAGE_LIMIT = 250;
/** The deepest the descendants endpoint goes; pages below it are out of the scan's reach. */
export const CONFLUENCE_MAX_DEPTH = 5;

/**
 * The Confluence operations the orphan cleanup needs, and nothing else. Each call is one request
 * (plus bounded retries); adapters act as the user or as the app, and Confluence's own
 * permissions decide what they see and may do.
 */
export interface ConfluencePort {
  /** One page of the descendants of a page, depth-first as Confluence returns them. Trashed pages are not listed. */
  listDescendants(pageId: string, cursor: string | null): Promise<DescendantsPage>;
  /** Up to 250 pages by id, whatever their status; pages that are gone (or hidden from the caller) are absent. */
  getPages(ids: readonly string[]): Promise<PageDetail[]>;
  /** The operations the caller may do on a page ('read', 'update', 'delete', …); not_found when hidden or gone. */
  permittedOperations(pageId: string): Promise<string[]>;
  /** The current and archived children of a page now (the first 250: one is enough to keep the page). */
  listChildren(pageId: string): Promise<DescendantPage[]>;
  /** Moves a current page to the trash. */
  trashPage(pageId: string): Promise<void>;
  /** Puts a trashed page back (status current, the next version number), under `parentId` when given. */
  restorePage(page: { id: string; title: string; version: number; parentId: string | null }): Promise<void>;
  /** Makes a page under `parentId` in its space; Confluence refuses a title the space already has (validation). */
  createPage(parent: { spaceId: string; parentId: string }, page: PageWrite): Promise<{ id: string; version: number }>;
  /** Writes a new version of a current page: `version` is the page's current one (the next is written). */
  updatePage(page: { id: string; version: number } & PageWrite): Promise<{ id: string; version: number }>;
  /** The storage bodies of a page's footer comments (the first 250), to find a comment already made. */
  footerCommentBodies(pageId: string): Promise<string[]>;
  /** Adds a footer comment to a page; returns its id. */
  addFooterComment(pageId: string, storage: string): Promise<string>;
}

/** Confluence as one invocation may reach it: as the person acting, or as the app (scheduled work only). */
export interface ConfluenceAccess {
  asUser(accountId: string): ConfluencePort;
  asApp(): ConfluencePort;
}
