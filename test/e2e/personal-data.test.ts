/** @jest-environment ./test/e2e/browser-test-environment.js */
import { join } from 'node:path';
import { ORPHAN_CLEANUP_PAGE_ID, WEEKLY_REPORT_PAGE_ID } from '../../dev/local-confluence/demo-confluence-pages';
import { DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { ARTIFACTS, describeInChromium, macroFrame, pagePath, signInAs, useBrowserSession } from './local-host-browser';

const SUMMER_PAGE = '1000102'; // demo: an event whose co-admin is Colin Ortega (demo-co-admin)
const CLOSED = 'demo-co-admin';
const CLOSED_NAME = 'Colin Ortega';

describeInChromium('a closed account on the local Forge host', () => {
  const session = useBrowserSession();
  const open = (pageId: string) => session.page.goto(new URL(pagePath(pageId), session.host.url).href);

  /** The text of every HDC macro on a page, once each has rendered. */
  async function macroTexts(pageId: string, macros: readonly string[]): Promise<string> {
    await open(pageId);
    const texts: string[] = [];
    for (const macro of macros) {
      const frame = await macroFrame(session.page, macro);
      await frame.waitForLoadState('networkidle').catch(() => undefined);
      texts.push(await frame.locator('body').innerText());
    }
    return texts.join('\n');
  }

  const everyMacro = async () =>
    [
      await macroTexts(SUMMER_PAGE, ['sync-panel', 'decision-tree']),
      await macroTexts(DEMO_PARENT_PAGE_ID, ['registry']),
      await macroTexts(WEEKLY_REPORT_PAGE_ID, ['weekly-report']),
      await macroTexts(ORPHAN_CLEANUP_PAGE_ID, ['orphan-cleanup']),
    ].join('\n');

  test('Atlassian closes a demo account; the privacy report erases it from every macro and every table, and the ops summary says so', async () => {
    await open(SUMMER_PAGE);
    await signInAs(session.page, /HDC operator/);
    const panel = await macroFrame(session.page, 'sync-panel');
    await panel.getByText(new RegExp(`${CLOSED_NAME} \\(co-admin\\)`)).waitFor();

    // Atlassian closes the account (the top bar plays it), then the daily privacy report runs now.
    await session.page.locator('#close-account').selectOption(CLOSED);
    await Promise.all([session.page.waitForEvent('load'), session.page.locator('#close-account-button').click()]);
    await Promise.all([session.page.waitForEvent('load'), session.page.locator('#privacy-report').click()]);

    const text = await everyMacro();
    expect(text).not.toContain(CLOSED_NAME);
    expect(text).not.toContain(CLOSED);
    // The ops summary (in the weekly report macro, for operators) shows the report that erased them.
    await open(WEEKLY_REPORT_PAGE_ID);
    const report = await macroFrame(session.page, 'weekly-report');
    await report
      .locator('[data-privacy-report]')
      .getByText(/Completed .* ago: \d+ accounts reported, 1 closed and erased/)
      .waitFor();
    await session.page.screenshot({ path: join(ARTIFACTS, 'privacy-report-ops-summary.png') });

    // No table of the site names the account; the audit keeps its rows.
    const tables = await session.sql.query<{ name: string }>('select hdc_site_tables() as name');
    for (const { name } of tables) {
      const rows = await session.sql.query(`select 1 from ${name} t where strpos(t::text, $1) > 0 limit 1`, [CLOSED]);
      expect({ table: name, rows: rows.length }).toEqual({ table: name, rows: 0 });
    }
    const erased = await session.sql.query<{ subject: string }>(
      `select subject from ops_audit_log where action = 'account_erased'`,
    );
    expect(erased).toEqual([{ subject: expect.stringMatching(/^erased-[0-9a-f]{12}$/) }]);
  });
});
