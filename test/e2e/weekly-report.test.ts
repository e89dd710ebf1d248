/** @jest-environment ./test/e2e/browser-test-environment.js */
import { TEST_SITE } from '../helpers/test-sites';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OPS_HOME_PAGE_ID } from '../../dev/local-confluence/demo-confluence-pages';
import { WEEKLY_REPORT_PAGE_ID } from '../../dev/page-tree';
import { DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import {
  ARTIFACTS,
  describeInChromium,
  macroFrame,
  useBrowserSession,
  pagePath,
  seriousAxeViolations,
  setTheme,
  signInAs,
} from './local-host-browser';

const runFile = promisify(execFile);
const root = join(__dirname, '..', '..');

describeInChromium('the weekly report macro on the local Forge host', () => {
  const session = useBrowserSession();
  const open = () => session.page.goto(new URL(pagePath(WEEKLY_REPORT_PAGE_ID), session.host.url).href);
  const frameElement = () => session.page.locator('iframe[data-macro="weekly-report"]');

  test('a fresh demo reads well: the latest report, eight weeks of trend with the latest values in view, and sample lines folded away', async () => {
    await open();
    let macro = await macroFrame(session.page, 'weekly-report');
    // One date style: days as the locale writes them, times relative with the exact one on hover.
    await macro
      .getByRole('heading', { name: /^Weekly verification — week of [A-Z][a-z]{2} \d{1,2}, \d{4}$/ })
      .waitFor();
    const text = await macro.locator('body').innerText();
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/);
    expect(text).not.toMatch(/\(s\)/);
    await macro.getByText(/^Week of [A-Z][a-z]{2} \d{1,2}, \d{4} · (PASS|CONDITIONAL) · generated .+ ago$/).waitFor();
    expect(await macro.locator('[data-report-status="FAIL"]').count()).toBe(0);
    // One sentence, and it agrees with the run log: the demo has never scanned for orphan pages, so
    // the week is CONDITIONAL (not "Every check passed"); the hypercare exit criteria only inform.
    await macro
      .locator('[data-verdict]')
      .getByText(/^Passed with warnings/)
      .waitFor();
    const exitRow = macro.getByRole('row', { name: /^Hypercare exit criteria/ });
    await exitRow.locator('[data-advisory]').getByText('Advisory').waitFor();
    await macro.getByRole('row', { name: /^Orphan pages .* CONDITIONAL/ }).waitFor();
    await macro.getByRole('heading', { name: /Trend over 8 weeks/ }).waitFor();
    // Week dates on the axis (and in the screen-reader table), one point per week.
    const weeks = await macro
      .locator('.hdc-chart')
      .first()
      .locator('table.hdc-visually-hidden tbody th')
      .allTextContents();
    expect(weeks).toHaveLength(8);
    expect(new Set(weeks).size).toBe(weeks.length);
    for (const week of weeks) expect(week).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
    // The latest values, without hovering.
    await macro
      .locator('.hdc-chart-legend')
      .first()
      .getByText(/^p95: \d+\.\d ms$/)
      .waitFor();
    await macro
      .locator('.hdc-chart-legend')
      .first()
      .getByText(/^budget: 120\.0 ms$/)
      .waitFor();
    // Raw telemetry lines are behind a disclosure.
    const samples = macro.locator('details', { hasText: 'Sample telemetry lines' }).first();
    expect(await samples.locator('pre').first().isVisible()).toBe(false);
    await macro.getByText(/Refused as forbidden \(people without the right, not errors\)/).waitFor();
    // Error budgets beside the error rates, and the previous release marked on the trend charts.
    await macro
      .locator('[data-figure="error-budgets"]')
      .getByRole('row', { name: /registry_lookup 99\.0 % over 28 days/ })
      .waitFor();
    await macro
      .locator('[data-release-marker]')
      .first()
      .getByText(/^Release 0\.1\.0: week of [A-Z][a-z]{2} \d{1,2}$/)
      .waitFor();
    await frameElement().screenshot({ path: join(ARTIFACTS, 'weekly-report-light.png') });
    await setTheme(session.page, 'dark');
    macro = await macroFrame(session.page, 'weekly-report');
    await macro.locator('.hdc-chart canvas').first().waitFor();
    await frameElement().screenshot({ path: join(ARTIFACTS, 'weekly-report-dark.png') });
    await setTheme(session.page, 'light');
  });

  test('before any report, a non-operator sees the empty state and why they cannot generate one', async () => {
    await session.sql.exec('delete from weekly_report');
    await open();
    const macro = await macroFrame(session.page, 'weekly-report');
    await macro.getByText('No weekly report yet').waitFor();
    expect(await macro.getByRole('button', { name: 'Generate now' }).isDisabled()).toBe(true);
    await macro.getByText(/Generating on demand is for HDC operators/).waitFor();
  });

  test('an operator generates reports; the latest reads at a glance, with drill-down, history and a Markdown download', async () => {
    await open();
    await signInAs(session.page, /HDC operator/);
    const macro = await macroFrame(session.page, 'weekly-report');
    // The demo's canonical event is synced; a second canonical event that is not is an integrity defect, so FAIL.
    const unsynced = await makeEvent(session.sql, {
      name: 'HDC Auto — Second check',
      pageId: '1000161',
      parentPageId: DEMO_PARENT_PAGE_ID,
    });
    await makeAdmin(session.sql, unsynced, 'demo-primary-admin');
    await makeHack(session.sql, unsynced);
    await macro.getByRole('button', { name: 'Generate now' }).click();
    await macro
      .getByRole('heading', { name: /^Weekly verification — week of [A-Z][a-z]{2} \d{1,2}, \d{4}$/ })
      .waitFor();
    await macro.locator('[data-report-status="FAIL"]').first().waitFor();
    // A FAIL is never "no incident", and its sentence says what it means for releases.
    await macro
      .locator('[data-verdict]')
      .getByText(/^Failed with a SEV-2 incident: hold releases/)
      .waitFor();
    await macro.getByRole('row', { name: /Events without sync state 1 0 FAIL/ }).waitFor();
    await macro
      .getByRole('row', { name: /registry_lookup .* ms/ })
      .first()
      .waitFor();
    await macro.getByText(/Responder: Open a data-quality incident/).waitFor();

    await macro.getByText(/Integrity details per event/).click();
    await macro
      .locator('details[open] tbody tr', { hasText: 'HDC Auto — Second check' })
      .getByText('no sync state')
      .waitFor();

    // Sync it, then generate again: not FAIL now; a report of the same week is one point on the trend.
    await session.services.sync.completeAndSync({ accountId: 'demo-primary-admin' }, unsynced);
    // Operators see the ops summary as of now, read again after Generate now: health, backlog, SLO posture, backups and drills.
    const operations = macro.getByRole('region', { name: 'Operations now' });
    const asOf = operations.locator('[data-ops-as-of] time');
    await asOf.waitFor();
    const readBefore = await asOf.getAttribute('datetime');
    await macro.getByRole('button', { name: 'Generate now' }).click();
    await macro.locator('[data-report-status="FAIL"]').first().waitFor({ state: 'detached' });
    await operations.locator(`[data-ops-as-of] time:not([datetime="${readBefore}"])`).waitFor();
    await operations.getByText(/Sync backlog/).waitFor();
    await operations
      .locator('[data-budget="registry_lookup"]')
      .getByText(/left, this week at \d+\.\d×/)
      .waitFor();
    await operations.getByText(/None yet: operators take backups with the operations kit/).waitFor();
    expect(await operations.getByText(/hdc-ops/).count()).toBe(0);
    expect(await macro.locator('.hdc-chart canvas').count()).toBe(3);
    expect(await macro.locator('.hdc-chart table.hdc-visually-hidden tbody tr').count()).toBe(3); // 3 charts × 1 week, for screen readers

    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      macro.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^hdc-weekly-verification-\d{4}-\d{2}-\d{2}-\d+\.md$/);
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain('## 1. Metadata');
    expect(markdown).toContain('## 7. Incident notes');

    // The history: the earlier (FAIL) report of the two.
    await macro.getByLabel('History').click();
    await macro.getByRole('option', { name: /· FAIL ·/ }).click();
    await macro.locator('[data-report-status="FAIL"]').first().waitFor();
  });

  test('an operator sees a firing alert in Operations now and acknowledges it; screenshots in light and dark', async () => {
    await session.sql.query(
      `insert into cleanup_job (site_id, kind, parent_page_id, status, error, finished_at)
       values ($1, 'scan', $2, 'failed', '{"message": "Confluence refused the scan"}', now())`,
      [TEST_SITE, DEMO_PARENT_PAGE_ID],
    );
    await session.services.alerts.evaluate();
    await open();
    await signInAs(session.page, /HDC operator/);
    let macro = await macroFrame(session.page, 'weekly-report');
    const alert = macro.locator('[data-alert-status="firing"]', { hasText: 'A cleanup scan job failed' });
    await alert.getByText('P3').waitFor();
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    const acknowledged = macro.locator('[data-alert-status="acknowledged"]', { hasText: 'A cleanup scan job failed' });
    await acknowledged.getByText('Acknowledged').waitFor();
    expect(await acknowledged.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    const [row] = await session.sql.query<{ status: string; acknowledged_by: string }>(
      "select status, acknowledged_by from ops_alert where rule = 'cleanup_job_failed'",
    );
    expect(row).toEqual({ status: 'acknowledged', acknowledged_by: 'demo-operator' });
    const panel = macro.getByRole('region', { name: 'Operations now' });
    await panel.screenshot({ path: join(ARTIFACTS, 'alerts-light.png') });
    await setTheme(session.page, 'dark');
    macro = await macroFrame(session.page, 'weekly-report');
    await macro.locator('[data-alert-status="acknowledged"]').first().waitFor();
    await macro
      .getByRole('region', { name: 'Operations now' })
      .screenshot({ path: join(ARTIFACTS, 'alerts-dark.png') });
    await setTheme(session.page, 'light');
  });

  test('a non-operator reads the reports but cannot generate one, even with a forged invoke', async () => {
    await open();
    await signInAs(session.page, /Non-admin/);
    const macro = await macroFrame(session.page, 'weekly-report');
    await macro.locator('[data-report-status]').first().waitFor();
    expect(await macro.getByRole('button', { name: 'Generate now' }).isDisabled()).toBe(true);
    const before = await session.sql.query('select count(*)::int as n from weekly_report');
    const forged = await macro.evaluate(() =>
      (
        globalThis as unknown as { __bridge: { callBridge(n: string, p: unknown): Promise<unknown> } }
      ).__bridge.callBridge('invoke', {
        functionKey: 'report.generate',
        payload: {},
      }),
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await session.sql.query('select count(*)::int as n from weekly_report')).toEqual(before);
    // The ops summary is for operators: not shown, and refused when forged.
    expect(await macro.getByRole('heading', { name: 'Operations now' }).count()).toBe(0);
    const summary = await macro.evaluate(() =>
      (
        globalThis as unknown as { __bridge: { callBridge(n: string, p: unknown): Promise<unknown> } }
      ).__bridge.callBridge('invoke', { functionKey: 'ops.summary', payload: {} }),
    );
    expect(summary).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('an event with no submitted hacks fails the integrity checklist: named in the checklist and the per-event drill-down', async () => {
    const eventId = await makeEvent(session.sql, {
      name: 'HDC Auto — Nothing submitted',
      parentPageId: '1000001',
      pageId: '1000150',
    });
    await makeAdmin(session.sql, eventId, 'demo-primary-admin');
    await makeHack(session.sql, eventId, { submitted: false });
    // Synced (a terminal failure), so the only defect is the missing submitted hack.
    await session.services.sync.completeAndSync({ accountId: 'demo-primary-admin' }, eventId);
    await open();
    await signInAs(session.page, /HDC operator/);
    const macro = await macroFrame(session.page, 'weekly-report');
    await macro.getByRole('button', { name: 'Generate now' }).click();
    await macro.getByRole('row', { name: /Events without submitted hacks 1 0 FAIL/ }).waitFor();
    await macro.locator('[data-report-status="FAIL"]').first().waitFor();
    await macro.getByText(/Integrity details per event \(\d+ checked, 1 with a defect\)/).waitFor();
    await signInAs(session.page, /Primary admin/);
  });

  test('the weekly report has no serious or critical accessibility violation, in light or dark', async () => {
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await open();
      await setTheme(session.page, theme);
      const macro = await macroFrame(session.page, 'weekly-report');
      await macro.locator('.hdc-chart canvas').first().waitFor();
      for (const v of await seriousAxeViolations(macro)) found.push(`${theme}: ${v.id} (${v.impact}) ${v.help}`);
    }
    await setTheme(session.page, 'light');
    expect(found).toEqual([]);
  });

  test('a demo incident reaches the on-call operator through Confluence: an incident page in the tree, a mention in the notifications, a link from the alert; light and dark', async () => {
    await session.page.goto(new URL(pagePath(OPS_HOME_PAGE_ID), session.host.url).href);
    await signInAs(session.page, /HDC operator/);
    // The README's command (the top bar's "Trigger a demo incident" posts to the same endpoint).
    const output = await runFile(process.execPath, [join(root, 'scripts', 'demo-incident.mjs')], {
      env: { ...process.env, HDC_DEV_PORT: new URL(session.host.url).port },
    });
    expect(output.stdout).toMatch(
      /^Demo incident raised\. Open http:\/\/127\.0\.0\.1:\d+\/wiki\/pages\/viewpage\.action\?pageId=1000189/,
    );
    await session.page.reload();
    // On the operations page: the incident pages are its children in the page tree.
    await session.page.getByRole('heading', { level: 1, name: 'HDC Operations' }).waitFor();
    const tree = session.page.getByRole('navigation', { name: 'Page tree' });
    await tree.getByRole('link', { name: /^HDC incident \d+: Error rate \d+\.\d % over 5 min$/ }).waitFor();
    await tree.getByRole('link', { name: 'HDC alerts' }).waitFor();
    // The top bar: the operator's notifications, one per incident (and the FAIL report pages of earlier tests).
    const notifications = session.page.locator('#notifications');
    await notifications.locator('summary').click();
    expect(await notifications.getByRole('link', { name: /mentioned you in a comment on HDC incident / }).count()).toBe(
      3,
    );
    const mention = notifications.getByRole('link', {
      name: /mentioned you in a comment on HDC incident \d+: Error rate \d+\.\d % over 5 min/,
    });
    await Promise.all([session.page.waitForEvent('load'), mention.click()]);
    await session.page
      .getByRole('heading', { level: 1, name: /^HDC incident \d+: Error rate \d+\.\d % over 5 min$/ })
      .waitFor();
    await session.page
      .locator('.page-body')
      .getByText(/^Firing · P0/)
      .waitFor();
    await session.page.locator('.comment .mention').getByText('@Omar Haddad').waitFor();
    await session.page.locator('.layout').screenshot({ path: join(ARTIFACTS, 'incident-light.png') });
    await setTheme(session.page, 'dark');
    await session.page.locator('.layout').screenshot({ path: join(ARTIFACTS, 'incident-dark.png') });
    await setTheme(session.page, 'light');
    // Nobody else was mentioned.
    await signInAs(session.page, /Non-admin/);
    expect(await session.page.locator('#notifications .count').innerText()).toBe('0');
    // The alert in Operations now links its incident page.
    await open();
    await signInAs(session.page, /HDC operator/);
    const macro = await macroFrame(session.page, 'weekly-report');
    const p0 = macro.locator('[data-alert-status="firing"]', { hasText: /^.*Error rate \d+\.\d % over 5 min/ });
    expect(await p0.getByRole('link', { name: 'Incident page' }).getAttribute('href')).toMatch(/pageId=\d+$/);
  });
});
