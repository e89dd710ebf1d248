import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import {
  DEMO_CONFLUENCE_ACCOUNTS,
  DEMO_ORPHANS,
  OPS_HOME_PAGE_ID,
} from '../../dev/local-confluence/demo-confluence-pages';
import { LOCAL_APP_ACCOUNT, LOCAL_SPACE_ID } from '../../dev/local-confluence/local-confluence-site';
import { mention } from '../../src/confluence/storage-format';
import { LOCAL_CONFLUENCE_TOKEN } from '../../dev/local-confluence/local-confluence-server';
import { serveLocalConfluence } from '../../dev/local-confluence/serve-local-confluence';
import { openLocalConfluenceSite } from '../../dev/start-local-host';

// confluence.js builds strict objects and closed enums under AUDIT_SCHEMAS=true: an undocumented
// field or status in any answer of the local Confluence fails here. Set before the import below.
process.env.AUDIT_SCHEMAS = 'true';

const auth = (account: string) => ({
  authorization: `Basic ${Buffer.from(`${account}:${LOCAL_CONFLUENCE_TOKEN}`).toString('base64')}`,
});

test('every answer of the local Confluence parses with the published Confluence REST v2 schemas in strict mode', async () => {
  const schemas = await import('confluence.js/v2');
  // Strict indeed: an undocumented field is refused.
  expect(() => schemas.PageDescendantsSchema.parse({ results: [{ id: '1', undocumented: true }] })).toThrow();
  const site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  const server = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS });
  try {
    const get = async (path: string, account: string = DEMO_ACCOUNTS.operator) => {
      const response = await fetch(`${server.url}${path}`, { headers: auth(account) });
      expect(response.status).toBe(200);
      return (await response.json()) as unknown;
    };
    const first = schemas.PageDescendantsSchema.parse(
      await get(`/wiki/api/v2/pages/${DEMO_PARENT_PAGE_ID}/descendants?limit=3&depth=5`),
    );
    expect(first.results).toHaveLength(3);
    expect(first._links?.next).toMatch(/cursor=/);
    schemas.PageDescendantsSchema.parse(await get(first._links!.next!));
    const ids = [DEMO_PARENT_PAGE_ID, DEMO_ORPHANS.trashedEventPage, DEMO_ORPHANS.withChild].join(',');
    const pages = schemas.PagesSchema.parse(
      await get(`/wiki/api/v2/pages?id=${ids}&status=current,archived,trashed,deleted&limit=250`),
    );
    expect(pages.results?.map((page) => page.status).sort()).toEqual(['current', 'current', 'trashed']);
    schemas.PermittedOperationsSchema.parse(await get(`/wiki/api/v2/pages/${DEMO_ORPHANS.withChild}/operations`));

    const trashed = await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_ORPHANS.unreferenced}`, {
      method: 'DELETE',
      headers: auth(DEMO_ACCOUNTS.operator),
    });
    expect(trashed.status).toBe(204);
    const restored = await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_ORPHANS.unreferenced}`, {
      method: 'PUT',
      headers: { ...auth(DEMO_ACCOUNTS.operator), 'content-type': 'application/json' },
      body: JSON.stringify({
        id: DEMO_ORPHANS.unreferenced,
        status: 'current',
        title: 'Spring Jam 2026 — abandoned draft',
        version: { number: 2 },
      }),
    });
    expect(restored.status).toBe(200);
    schemas.PageSchema.parse(await restored.json());

    // Pages and comments HDC Ops writes (alerts, reports), with mentions.
    const write = async (method: 'POST' | 'PUT', path: string, body: unknown, account = LOCAL_APP_ACCOUNT) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { ...auth(account), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as unknown;
    };
    const storage = (value: string) => ({ representation: 'storage', value });
    const made = schemas.PageSchema.parse(
      await write('POST', '/wiki/api/v2/pages', {
        spaceId: LOCAL_SPACE_ID,
        status: 'current',
        title: 'HDC incident 1: schema check',
        parentId: OPS_HOME_PAGE_ID,
        body: storage('<p>Firing</p>'),
      }),
    );
    expect(made.parentId).toBe(OPS_HOME_PAGE_ID);
    schemas.PageSchema.parse(
      await write('PUT', `/wiki/api/v2/pages/${made.id!}`, {
        id: made.id,
        status: 'current',
        title: made.title,
        body: storage('<p>Resolved</p>'),
        version: { number: 2 },
      }),
    );
    schemas.FooterCommentSchema.parse(
      await write('POST', '/wiki/api/v2/footer-comments', {
        pageId: made.id,
        body: storage(`<p>${mention(DEMO_ACCOUNTS.operator)} fired</p>`),
      }),
    );
    const comments = schemas.PageFooterCommentsSchema.parse(
      await get(`/wiki/api/v2/pages/${made.id!}/footer-comments?body-format=storage&limit=250`),
    );
    expect(comments.results).toHaveLength(1);
    expect(site.notificationsOf(DEMO_ACCOUNTS.operator)).toMatchObject([
      { actorId: LOCAL_APP_ACCOUNT, pageId: made.id, inComment: true },
    ]);
  } finally {
    await server.close();
  }
});

test('the local Confluence refuses as Confluence does: no credentials 401, a bad cursor 400, a restricted page 404, delete without permission 403', async () => {
  const site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  const server = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS });
  try {
    expect((await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_PARENT_PAGE_ID}/descendants`)).status).toBe(401);
    expect(
      (
        await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_PARENT_PAGE_ID}/descendants?cursor=bogus`, {
          headers: auth(DEMO_ACCOUNTS.operator),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_ORPHANS.restricted}/operations`, {
          headers: auth(DEMO_ACCOUNTS.operator),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_ORPHANS.restricted}/operations`, {
          headers: auth(DEMO_ACCOUNTS.primaryAdmin),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${server.url}/wiki/api/v2/pages/${DEMO_ORPHANS.unreferenced}`, {
          method: 'DELETE',
          headers: auth(DEMO_ACCOUNTS.nonAdmin),
        })
      ).status,
    ).toBe(403);
    expect(site.page(DEMO_ORPHANS.unreferenced)?.status).toBe('current');
  } finally {
    await server.close();
  }
});
