/** @jest-environment ./test/e2e/browser-test-environment.js */
import { join } from 'node:path';
import type { Frame, Request } from 'playwright-core';
import { CONSOLE_PATH } from '../../dev/host-page';
import { DEMO_OPS_PAGE_ID, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import {
  ARTIFACTS,
  describeInChromium,
  macroFrame,
  pagePath,
  seriousAxeViolations,
  setTheme,
  signInAs,
  useBrowserSession,
} from './local-host-browser';

const SUMMER_PAGE = '1000102'; // demo: an event with a sync state
const NO_SUCH_PAGE = '987654321';

describeInChromium('the operators’ console (Apps → HDC Ops) on the local Forge host', () => {
  const session = useBrowserSession();
  const openConsole = async (): Promise<Frame> => {
    await session.page.goto(new URL(CONSOLE_PATH, session.host.url).href);
    return macroFrame(session.page, 'ops-console');
  };
  const deliverySetting = async () =>
    session.sql.query<{ ops_page_id: string | null }>('select ops_page_id from ops_delivery_setting');

  for (const theme of ['light', 'dark'] as const) {
    test(`an HDC operator sees every operator tool on one page, in ${theme}`, async () => {
      await session.page.goto(new URL(pagePath(DEMO_PARENT_PAGE_ID), session.host.url).href);
      await signInAs(session.page, /HDC operator/);
      await setTheme(session.page, theme);
      // The Apps menu leads to the console, as Confluence's does to a global page.
      await Promise.all([session.page.waitForEvent('load'), session.page.locator('#apps-hdc-ops').click()]);
      const frame = await macroFrame(session.page, 'ops-console');
      expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);

      for (const heading of [
        'Operations now',
        'Backups and drills',
        'Orphan-page cleanup',
        'Where alerts go',
        'Operators',
        'Personal data',
      ])
        await frame.getByRole('heading', { name: heading, exact: true }).waitFor();
      await frame.locator('[data-ops-as-of]').waitFor();
      await frame.getByRole('table', { name: 'Readiness checks' }).locator('[data-readiness-check]').first().waitFor();
      await frame.getByRole('list', { name: 'Open alerts' }).or(frame.getByText('No open alert.')).first().waitFor();
      // The operators by name (Confluence's names, as the viewer), the seed that added them as it is.
      await frame.getByRole('table', { name: 'HDC operators' }).getByText('Omar Haddad').waitFor();
      await frame
        .locator('[data-privacy-status]')
        .getByText(/None completed yet|Completed/)
        .first()
        .waitFor();
      // The orphan cleanup works here without a macro on any page: its scan button is there.
      await frame.getByRole('button', { name: /Scan/ }).first().waitFor();

      expect(await seriousAxeViolations(frame)).toEqual([]);
      await session.page.screenshot({ path: join(ARTIFACTS, `ops-console-operator-${theme}.png`), fullPage: true });
    });
  }

  test('the console sets where alerts go: a page Confluence does not have is refused and nothing changes; a real one is saved', async () => {
    await session.page.goto(new URL(CONSOLE_PATH, session.host.url).href);
    await signInAs(session.page, /HDC operator/);
    const frame = await macroFrame(session.page, 'ops-console');
    const before = await deliverySetting();
    const audits = async () =>
      (await session.sql.query(`select id from ops_audit_log where action = 'delivery_configured'`)).length;
    const auditedBefore = await audits();

    await frame.getByLabel('Operations page id').fill(NO_SUCH_PAGE);
    await frame.getByRole('button', { name: 'Save' }).click();
    await frame
      .locator('[data-error-code="validation"]')
      .getByText(`Page ${NO_SUCH_PAGE} is not a current Confluence page`)
      .waitFor();
    expect(await deliverySetting()).toEqual(before);
    expect(await audits()).toBe(auditedBefore);

    await frame.getByLabel('Operations page id').fill(DEMO_OPS_PAGE_ID);
    await frame.getByRole('button', { name: 'Save' }).click();
    await frame.locator('[data-notice="success"]').getByText(`Alerts go under page ${DEMO_OPS_PAGE_ID}`).waitFor();
    expect(await deliverySetting()).toEqual([{ ops_page_id: DEMO_OPS_PAGE_ID }]);
    await frame
      .locator('[data-delivery]')
      .getByRole('link', { name: `Page ${DEMO_OPS_PAGE_ID}` })
      .waitFor();
    const audited = await session.sql.query<{ subject: string }>(
      `select subject from ops_audit_log where action = 'delivery_configured' order by id desc limit 1`,
    );
    expect({ audits: await audits(), latest: audited }).toEqual({
      audits: auditedBefore + 1,
      latest: [{ subject: DEMO_OPS_PAGE_ID }],
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`someone who is not an HDC operator is refused, and sees nothing of it, in ${theme}`, async () => {
      const consoleCalls: string[] = [];
      const onRequest = (request: Request) => {
        if (request.url().endsWith('/dev/invoke'))
          consoleCalls.push((request.postDataJSON() as { functionKey: string }).functionKey);
      };
      await session.page.goto(new URL(CONSOLE_PATH, session.host.url).href);
      await signInAs(session.page, /Primary admin/);
      await setTheme(session.page, theme);
      session.page.on('request', onRequest);
      try {
        const frame = await openConsole();
        await frame.locator('[data-console-refused]').getByText('Only HDC operators can use this console').waitFor();
        expect(await frame.getByRole('heading', { name: 'Operations now' }).count()).toBe(0);
        expect(await frame.getByRole('table').count()).toBe(0);
        // One call, refused by the backend: the page asked for nothing else.
        expect([...new Set(consoleCalls)]).toEqual(['ops.console']);
        expect(await seriousAxeViolations(frame)).toEqual([]);
        await session.page.screenshot({ path: join(ARTIFACTS, `ops-console-refused-${theme}.png`) });
      } finally {
        session.page.off('request', onRequest);
      }
    });
  }

  test('an event page shows its sync state in the byline; the popup shows the sync facts after one request per page view', async () => {
    const statusCalls: string[] = [];
    const onRequest = (request: Request) => {
      if (!request.url().endsWith('/dev/invoke')) return;
      const call = request.postDataJSON() as { functionKey: string; moduleKey: string };
      if (call.moduleKey === 'sync-byline') statusCalls.push(call.functionKey);
    };
    await session.page.goto(new URL(pagePath(SUMMER_PAGE), session.host.url).href);
    await signInAs(session.page, /Non-admin/);
    const stored = await session.services.sync.status({ pageId: SUMMER_PAGE });
    const word = { complete: 'Complete', partial: 'Partial', failed: 'Failed' }[stored.state?.status ?? 'complete'];
    const item = session.page.locator('#hdc-sync-byline');
    expect(await item.innerText()).toBe(stored.state === null ? 'Sync: Not synced' : `Sync: ${word}`);

    session.page.on('request', onRequest);
    try {
      await item.click();
      const popup = session.page.getByRole('dialog', { name: 'HDC sync' });
      const frame = await macroFrame(session.page, 'sync-byline');
      await frame.getByRole('heading', { name: `Event sync — ${stored.name}` }).waitFor();
      await frame.getByRole('definition').first().waitFor();
      await session.page.screenshot({ path: join(ARTIFACTS, 'sync-byline-popup.png') });
      // Closed and opened again: the same facts, no second request.
      await session.page.keyboard.press('Escape');
      await popup.waitFor({ state: 'hidden' });
      await item.click();
      await popup.waitFor();
      await frame.getByRole('heading', { name: `Event sync — ${stored.name}` }).waitFor();
      expect(statusCalls).toEqual(['sync.status']);
    } finally {
      session.page.off('request', onRequest);
    }

    // A page that is no event page says so quietly.
    await session.page.goto(new URL(pagePath(DEMO_PARENT_PAGE_ID), session.host.url).href);
    expect(await session.page.locator('#hdc-sync-byline').innerText()).toBe('HDC Ops');
  });
});
