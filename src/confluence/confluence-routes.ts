import { CONFLUENCE_MAX_DEPTH, CONFLUENCE_PAGE_LIMIT } from './confluence-port';

/** A tagged template that makes a request path: @forge/api's `route` in Forge, `httpPath` over HTTP. */
export type PathTag<R> = (template: TemplateStringsArray, ...values: (string | URLSearchParams)[]) => R;

/** The Confluence REST v2 requests the port makes, written once for both adapters. */
export interface ConfluenceRoutes<R> {
  descendants(pageId: string, cursor: string | null): R;
  children(pageId: string): R;
  pages(ids: readonly string[]): R;
  operations(pageId: string): R;
  page(pageId: string): R;
  newPage(): R;
  footerComments(pageId: string): R;
  newFooterComment(): R;
}

export function confluenceRoutes<R>(tag: PathTag<R>): ConfluenceRoutes<R> {
  return {
    descendants: (pageId, cursor) => {
      const query = new URLSearchParams({ limit: String(CONFLUENCE_PAGE_LIMIT), depth: String(CONFLUENCE_MAX_DEPTH) });
      if (cursor !== null) query.set('cursor', cursor);
      return tag`/wiki/api/v2/pages/${pageId}/descendants?${query}`;
    },
    children: (pageId) => {
      const query = new URLSearchParams({ limit: String(CONFLUENCE_PAGE_LIMIT), depth: '1' });
      return tag`/wiki/api/v2/pages/${pageId}/descendants?${query}`;
    },
    pages: (ids) => {
      const query = new URLSearchParams({
        id: ids.join(','),
        status: 'current,archived,trashed,deleted',
        limit: String(CONFLUENCE_PAGE_LIMIT),
      });
      return tag`/wiki/api/v2/pages?${query}`;
    },
    operations: (pageId) => tag`/wiki/api/v2/pages/${pageId}/operations`,
    page: (pageId) => tag`/wiki/api/v2/pages/${pageId}`,
    newPage: () => tag`/wiki/api/v2/pages`,
    footerComments: (pageId) => {
      const query = new URLSearchParams({ 'body-format': 'storage', limit: String(CONFLUENCE_PAGE_LIMIT) });
      return tag`/wiki/api/v2/pages/${pageId}/footer-comments?${query}`;
    },
    newFooterComment: () => tag`/wiki/api/v2/footer-comments`,
  };
}

/** What `route` does, for plain HTTP: path values may not leave their segment; query values are encoded. */
export const httpPath: PathTag<string> = (template, ...values) => {
  let query = false;
  return template.reduce((path, fragment, index) => {
    if (fragment.includes('?')) query = true;
    const value = values[index];
    if (value === undefined) return path + fragment;
    if (value instanceof URLSearchParams) return path + fragment + value.toString();
    if (!query && /[/\\?#]|\.\./.test(value))
      throw new Error(`Refusing a path value that leaves its segment: ${value}`);
    return path + fragment + encodeURIComponent(value);
  }, '');
};
