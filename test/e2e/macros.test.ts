/** @jest-environment ./test/e2e/browser-test-environment.js */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { EventLifecycle } from '../../src/contract/lifecycle';
import { SYNC_DECISION_TREE } from '../../src/contract/sync-decision-tree';
import { DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { withFunctionOffline } from '../helpers/function-offline';
import {
  ARTIFACTS,
  describeInChromium,
  macroFrame,
  useBrowserSession,
  pagePath,
  seriousAxeViolations,
  setTheme,
  signInAs,
  confirmation,
} from './local-host-browser';

const SUMMER_PAGE = '1000102'; // demo: 2 valid hacks, one blank title, one without owner
const VOTING_PAGE = '1000105';
const AUTUMN_PAGE = '1000103'; // demo: completed through the real sync
const GUIDE_PAGE = '1000190';
const PRIMARY = 'demo-primary-admin';

describeInChromium('macros on the local Forge host', () => {
  const session = useBrowserSession();
  const open = (pageId: string) => session.page.goto(new URL(pagePath(pageId), session.host.url).href);
  const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

  /** An event page under the demo parent, built for a test: `invalid` hacks have a blank title. */
  async function eventPage(
    pageId: string,
    valid: number,
    invalid: number,
    lifecycle: EventLifecycle = 'results',
  ): Promise<string> {
    const eventId = await makeEvent(session.sql, {
      name: `Tree case ${pageId}`,
      pageId,
      parentPageId: DEMO_PARENT_PAGE_ID,
      lifecycle,
    });
    // Its page, in the local Confluence the host's page tree comes from.
    session.host.confluence.site.add({
      id: pageId,
      title: `Tree case ${pageId}`,
      status: 'current',
      parentId: DEMO_PARENT_PAGE_ID,
      macros: ['sync-panel', 'decision-tree'],
    });
    await makeAdmin(session.sql, eventId, PRIMARY);
    for (let i = 0; i < valid; i += 1) await makeHack(session.sql, eventId);
    for (let i = 0; i < invalid; i += 1) await makeHack(session.sql, eventId, { title: ' ' });
    return eventId;
  }

  test('an admin completes sync with invalid hacks → partial → sees failed items and guidance → retries → escalates → completes', async () => {
    await open(SUMMER_PAGE);
    let panel = await macroFrame(session.page, 'sync-panel');
    await panel.getByText('You are the primary admin.').waitFor();
    await panel.getByRole('button', { name: 'Complete + Sync' }).click();
    const dialog = await confirmation(session.page, /Complete the event/);
    await dialog.frame.getByText(/read-only/).waitFor();
    await dialog.frame.getByRole('button', { name: 'Complete + Sync' }).click();
    await dialog.box.waitFor({ state: 'detached' });

    await panel
      .locator('[data-notice="warning"]', { hasText: /Complete \+ Sync: Partial.*2 pushed, 0 skipped, 2 failed\./ })
      .waitFor();
    await panel.locator('[data-sync-status="partial"]').first().waitFor();
    const failedRows = panel.locator('table[class="hdc-table"]').first().locator('tbody tr');
    await expectTexts(failedRows, [
      /\(no title\).*The title is empty.*Linus Torvalds/,
      /Orphan page finder.*The hack has no owner.*no owner: ask the team/,
    ]);
    await panel.getByText('Next step: Retry once').waitFor();
    await panel.getByText(/it attempts every submitted hack not yet in the library/).waitFor();
    // Only what the tree allows is offered: Complete + Sync already ran.
    expect(await panel.getByRole('button', { name: 'Complete + Sync' }).count()).toBe(0);
    await session.page
      .locator('iframe[data-macro="sync-panel"]')
      .screenshot({ path: shot('sync-panel-partial-light') });

    await panel.getByRole('button', { name: 'Retry Sync' }).click();
    await panel.getByText(/Retry Sync: Partial.*0 pushed, 0 skipped, 2 failed\./).waitFor();
    await panel.locator('[data-notice="error"]', { hasText: 'Next step: Escalate with telemetry' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Retry Sync' }).count()).toBe(0);

    // The note's minimum is stated, and counted down.
    await panel.getByLabel(/Escalation note/).fill('Too short');
    await panel.getByText('At least 10 characters (9 so far, 1 to go).').waitFor();
    expect(await panel.getByRole('button', { name: 'Record escalation' }).isDisabled()).toBe(true);
    await panel.getByLabel(/Escalation note/).fill('Two hacks lack a title or owner; asked the teams to fix them.');
    await panel.getByRole('button', { name: 'Record escalation' }).click();
    await panel.locator('[data-notice="information"]', { hasText: 'Escalation recorded' }).waitFor();
    await panel.getByText('Next step: Retry once (escalated)').waitFor();

    await session.sql.query(
      `update hack set title = coalesce(nullif(btrim(title), ''), 'Fixed title'), owner_account_id = coalesce(owner_account_id, 'demo-owner-ada')
       where event_id = (select id from event where confluence_page_id = $1)`,
      [SUMMER_PAGE],
    );
    await panel.getByRole('button', { name: 'Retry Sync' }).click();
    await panel
      .locator('[data-notice="success"]', { hasText: /Retry Sync: Complete.*2 pushed, 0 skipped, 0 failed\./ })
      .waitFor();
    await panel.getByText('Next step: Nothing to do').waitFor();
    // The latest note stays, with its author and what it was used for.
    await panel.getByText('Two hacks lack a title or owner; asked the teams to fix them.').waitFor();
    await panel.getByText(/Priya Raman, .* · used by the retry/).waitFor();
    expect(await panel.getByRole('button').filter({ hasText: /Sync/ }).count()).toBe(0);

    await open(SUMMER_PAGE);
    panel = await macroFrame(session.page, 'sync-panel');
    await expectTexts(panel.locator('#audit-heading + table tbody tr'), [
      /Retry Sync.*complete/,
      /Escalation recorded.*partial/,
      /Retry Sync.*partial/,
      /Complete \+ Sync: partial.*partial/,
    ]);
    const tree = await macroFrame(session.page, 'decision-tree');
    expect(await tree.locator('[aria-current="step"]').getAttribute('data-node-id')).toBe('done');
  });

  test('a non-admin sees the state and whom to ask instead of actions, and a forged invoke from their iframe is refused', async () => {
    await open(VOTING_PAGE);
    await signInAs(session.page, /Non-admin/);
    try {
      const panel = await macroFrame(session.page, 'sync-panel');
      await panel.getByText("Sync is run by the event's admins").waitFor();
      await panel.getByText('Ask Priya Raman (primary admin) or Colin Ortega (co-admin).').waitFor();
      expect(await panel.getByText(/Next step/).count()).toBe(0);
      expect(await panel.getByRole('button').filter({ hasText: /Sync/ }).count()).toBe(0);
      await panel.getByText("The audit log is visible to the event's admins.").waitFor();
      // The tree beside it states the admins' next step as information, without offering it.
      const tree = await macroFrame(session.page, 'decision-tree');
      await tree
        .locator('[data-notice="information"]', {
          hasText: "Next step for the event's admins: Wait for results, or end the event early",
        })
        .waitFor();
      expect(await tree.getByText(/^Next step: /).count()).toBe(0);
      await tree
        .getByText(/^Allowed to the event's admins:/)
        .first()
        .waitFor();

      const [event] = await session.sql.query<{ id: string }>('select id from event where confluence_page_id = $1', [
        VOTING_PAGE,
      ]);
      const forged = (calls: object) =>
        panel.evaluate(
          (message) =>
            (
              globalThis as unknown as { __bridge: { callBridge(n: string, p: unknown): Promise<unknown> } }
            ).__bridge.callBridge('invoke', message),
          calls,
        );
      expect(await forged({ functionKey: 'sync.complete', payload: { eventId: event!.id } })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(
        await forged({ functionKey: 'sync.complete', payload: { eventId: event!.id, accountId: PRIMARY } }),
      ).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await session.sql.query('select lifecycle from event where id = $1', [event!.id])).toEqual([
        { lifecycle: 'voting' },
      ]);
      expect(
        await session.sql.query('select count(*)::int as n from event_sync_state where event_id = $1', [event!.id]),
      ).toEqual([{ n: 0 }]);
    } finally {
      await signInAs(session.page, /Primary admin/);
    }
  });

  test.each([
    ['complete', AUTUMN_PAGE, ['status', 'done']],
    ['registration', '1000108', ['status', 'stage', 'not-ready']],
    ['voting', VOTING_PAGE, ['status', 'stage', 'end-early']],
    ['partial', '1000201', ['status', 'open-after-failure', 'retryable', 'repeated', 'retry-once']],
    ['terminal failure', '1000202', ['status', 'open-after-failure', 'retryable', 'fix-root-cause']],
    [
      'escalation',
      '1000203',
      ['status', 'open-after-failure', 'retryable', 'repeated', 'escalation-recorded', 'escalate'],
    ],
  ])('the tree highlights the path for a %s', async (label, pageId, path) => {
    const admin = { accountId: PRIMARY };
    if (label === 'partial') await session.services.sync.completeAndSync(admin, await eventPage(pageId, 1, 1));
    if (label === 'terminal failure') await session.services.sync.completeAndSync(admin, await eventPage(pageId, 0, 0));
    if (label === 'escalation') {
      const eventId = await eventPage(pageId, 1, 1);
      await session.services.sync.completeAndSync(admin, eventId);
      await session.services.sync.retrySync(admin, eventId);
    }
    await open(pageId);
    const tree = await macroFrame(session.page, 'decision-tree');
    expect(
      await tree
        .locator('[data-on-path="true"]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-id'))),
    ).toEqual(path);
    expect(await tree.locator('[aria-current="step"]').getAttribute('data-node-id')).toBe(path.at(-1));
    if (label === 'escalation')
      await session.page
        .locator('iframe[data-macro="decision-tree"]')
        .screenshot({ path: shot('decision-tree-escalation') });
  });

  test('on a page that is no event page, the tree is drawn alone', async () => {
    await open(GUIDE_PAGE);
    const tree = await macroFrame(session.page, 'decision-tree');
    await tree.getByText(/No event on this page: the whole tree is shown/).waitFor();
    expect(await tree.locator('[data-node-id]').count()).toBe(SYNC_DECISION_TREE.nodes.length);
    expect(await tree.locator('[aria-current="step"]').count()).toBe(0);
  });

  test('the registry lists the events with badges, searches by name, marks events without a page, and links to event pages', async () => {
    await open(DEMO_PARENT_PAGE_ID);
    const registry = await macroFrame(session.page, 'registry');
    await registry.locator('tbody tr').first().waitFor();
    const draft = registry.locator('tr', { hasText: 'Draft: Spring Jam 2027' });
    await draft.getByText('No page').waitFor();
    expect(await draft.locator('a').count()).toBe(0);
    await session.page.locator('iframe[data-macro="registry"]').screenshot({ path: shot('registry-demo') });

    await registry.getByLabel('Search by name').fill('hack 20');
    await expectTexts(registry.locator('tbody tr td:first-child'), [
      /Autumn Hack 2026/,
      /Summer Hack 2026/,
      /^Winter Hack 2025 \(archived\)/,
      /Winter Hack 2025 \(imported twice\)/,
    ]);
    await registry.getByLabel('Search by name').fill('no such event');
    await registry.getByText('No event name contains “no such event”').waitFor();
    await registry.getByLabel('Search by name').fill('winter');
    await expectTexts(registry.locator('tbody tr td:first-child'), [
      /^Winter Hack 2025 \(archived\)/,
      /Winter Hack 2025 \(imported twice\)/,
    ]);
    await Promise.all([
      session.page.waitForURL(/pageId=1000104/),
      registry.getByRole('link', { name: 'Winter Hack 2025', exact: true }).click(),
    ]);
    expect(await session.page.locator('h1').textContent()).toBe('Winter Hack 2025');
    // Two events use this page: both macros say it is a data conflict, name the events and point at
    // the cleanup's duplicate references; not "degraded", and no Try again that cannot help.
    for (const name of ['sync-panel', 'decision-tree']) {
      const macro = await macroFrame(session.page, name);
      const notice = macro.locator('[data-error-code="conflict"]');
      await notice.getByText('Data conflict').waitFor();
      await notice
        .getByText('This page belongs to 2 events: “Winter Hack 2025” and “Winter Hack 2025 (imported twice)”.', {
          exact: false,
        })
        .waitFor();
      await notice.getByText(/orphan-page cleanup, under Duplicate references/).waitFor();
      expect(await macro.getByText('Service degraded').count()).toBe(0);
      expect(await macro.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    }
  });

  test('the registry pages through many events, forwards and back', async () => {
    for (let i = 1; i <= 25; i += 1) {
      await makeEvent(session.sql, {
        name: `Paging ${String(i).padStart(2, '0')}`,
        pageId: String(1000300 + i),
        parentPageId: DEMO_PARENT_PAGE_ID,
      });
    }
    await open(DEMO_PARENT_PAGE_ID);
    const registry = await macroFrame(session.page, 'registry');
    await registry.getByLabel('Search by name').fill('paging');
    const names = registry.locator('tbody tr td:first-child');
    await expectTexts(
      names,
      Array.from({ length: 20 }, (_, i) => new RegExp(`Paging ${String(i + 1).padStart(2, '0')}`)),
    );
    expect(await registry.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);
    await registry.getByRole('button', { name: 'Next' }).click();
    await expectTexts(names, [/Paging 21/, /Paging 22/, /Paging 23/, /Paging 24/, /Paging 25/]);
    await registry.getByText('Page 2').waitFor();
    expect(await registry.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await registry.getByRole('button', { name: 'Previous' }).click();
    await expectTexts(
      names,
      Array.from({ length: 20 }, (_, i) => new RegExp(`Paging ${String(i + 1).padStart(2, '0')}`)),
    );
  });

  test('an action in the sync panel moves the decision tree beside it, without a reload', async () => {
    await eventPage('1000213', 1, 1);
    await open('1000213');
    const tree = await macroFrame(session.page, 'decision-tree');
    expect(await tree.locator('[aria-current="step"]').getAttribute('data-node-id')).toBe('run-sync');
    const panel = await macroFrame(session.page, 'sync-panel');
    await panel.getByRole('button', { name: 'Complete + Sync' }).click();
    await (
      await confirmation(session.page, /Complete the event/)
    ).frame
      .getByRole('button', { name: 'Complete + Sync' })
      .click();
    await panel.locator('[data-notice="warning"]', { hasText: /Complete \+ Sync: Partial/ }).waitFor();
    // The tree heard the panel (Forge's events API): its current step moved on, the page was not reloaded.
    await tree.locator('[aria-current="step"][data-node-id="retry-once"]').waitFor();
    await tree.getByText('Next step: Retry once').waitFor();
  });

  test('macro frames grow and shrink with their content', async () => {
    await open(SUMMER_PAGE);
    await macroFrame(session.page, 'sync-panel');
    const frame = session.page.locator('iframe[data-macro="sync-panel"]');
    const heightOf = async () => (await frame.boundingBox())!.height;
    const settle = async (predicate: (height: number) => boolean) => {
      for (let i = 0; i < 50 && !predicate(await heightOf()); i += 1) await session.page.waitForTimeout(100);
      return heightOf();
    };
    const wide = await heightOf();
    const viewport = session.page.viewportSize()!;
    await session.page.setViewportSize({ width: 420, height: viewport.height });
    const narrow = await settle((height) => height > wide + 50);
    expect(narrow).toBeGreaterThan(wide + 50);
    await session.page.setViewportSize(viewport);
    const again = await settle((height) => height < narrow - 50);
    expect(Math.abs(again - wide)).toBeLessThanOrEqual(4);
  });

  test('End early + Sync works from the keyboard: Cancel has the focus, and Escape closes it without syncing', async () => {
    await open(VOTING_PAGE);
    const panel = await macroFrame(session.page, 'sync-panel');
    await panel
      .locator('[data-notice="warning"]', { hasText: 'Next step: Wait for results, or end the event early' })
      .waitFor();
    // The same step has the same appearance in the tree beside it.
    await (
      await macroFrame(session.page, 'decision-tree')
    )
      .locator('[data-notice="warning"]', { hasText: 'Next step: Wait for results, or end the event early' })
      .waitFor();
    await panel.getByRole('button', { name: 'End early + Sync' }).focus();
    await session.page.keyboard.press('Enter');
    const dialog = await confirmation(session.page, 'End the event early?');
    await dialog.frame.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
    await session.page.keyboard.press('Escape');
    await dialog.box.waitFor({ state: 'detached' });
    expect(
      await session.sql.query(
        `select count(*)::int as n from event_sync_state s join event e on e.id = s.event_id where e.confluence_page_id = $1`,
        [VOTING_PAGE],
      ),
    ).toEqual([{ n: 0 }]);
  });

  test('ending an event early takes a second, explicit confirmation, and is audited as an early completion', async () => {
    const eventId = await eventPage('1000211', 2, 0, 'hacking');
    await open('1000211');
    const panel = await macroFrame(session.page, 'sync-panel');
    await panel.getByRole('button', { name: 'End early + Sync' }).click();
    const dialog = await confirmation(session.page, 'End the event early?');
    await dialog.frame.getByText(/The event is still in hacking/).waitFor();
    const confirm = dialog.frame.getByRole('button', { name: 'End the event early' });
    expect(await confirm.isDisabled()).toBe(true);
    // The whole page is covered, as Confluence's own dialogs cover it.
    await session.page.screenshot({ path: shot('sync-panel-end-early') });
    await dialog.frame.getByLabel('I understand that hacking ends now for everyone.').check();
    await confirm.click();
    await panel.locator('[data-notice="success"]', { hasText: /End early \+ Sync: Complete.*2 pushed/ }).waitFor();
    expect(await session.sql.query('select lifecycle from event where id = $1', [eventId])).toEqual([
      { lifecycle: 'completed' },
    ]);
    expect(
      await session.sql.query('select action from event_audit_log where event_id = $1 order by id', [eventId]),
    ).toEqual([{ action: 'sync_ended_early' }, { action: 'sync_complete' }]);
  });

  test('before hacking the panel offers no sync, and a forged Complete + Sync is refused as not_ready with nothing stored', async () => {
    const eventId = await eventPage('1000212', 2, 0, 'registration');
    await open('1000212');
    const panel = await macroFrame(session.page, 'sync-panel');
    await panel.getByText('Next step: Not ready: wait for results').waitFor();
    expect(await panel.getByRole('button').filter({ hasText: /Sync/ }).count()).toBe(0);
    const forged = (message: object) =>
      panel.evaluate(
        (m) =>
          (
            globalThis as unknown as { __bridge: { callBridge(n: string, p: unknown): Promise<unknown> } }
          ).__bridge.callBridge('invoke', m),
        message,
      );
    for (const endEarly of [false, true]) {
      expect(await forged({ functionKey: 'sync.complete', payload: { eventId, endEarly } })).toMatchObject({
        ok: false,
        error: { code: 'not_ready', guidance: expect.stringMatching(/Nothing was stored/) as unknown },
      });
    }
    expect(
      await session.sql.query('select count(*)::int as n from event_sync_state where event_id = $1', [eventId]),
    ).toEqual([{ n: 0 }]);
    expect(
      await session.sql.query('select count(*)::int as n from event_audit_log where event_id = $1', [eventId]),
    ).toEqual([{ n: 0 }]);
  });

  test('a backend that is not ready shows "Service degraded" with guidance, and Try again recovers', async () => {
    await withFunctionOffline(session.sql, 'hdc_registry_list', async () => {
      await open(DEMO_PARENT_PAGE_ID);
      const registry = await macroFrame(session.page, 'registry');
      const notice = registry.getByRole('alert');
      await notice.getByText('Service degraded').waitFor();
      await notice.getByText(/apply the migrations/).waitFor();
      // A Confluence user is never told to run a command line.
      expect(await registry.getByText(/hdc-ops/).count()).toBe(0);
    });
    const registry = await macroFrame(session.page, 'registry');
    await registry.getByRole('button', { name: 'Try again' }).click();
    await registry.getByRole('link', { name: 'Autumn Hack 2026' }).waitFor();
  });

  test('no macro has a serious or critical accessibility violation, in light or dark', async () => {
    // The check can fail: a button without a name in a macro is reported.
    await open(GUIDE_PAGE);
    const canary = await macroFrame(session.page, 'decision-tree');
    await canary.evaluate(() => document.body.appendChild(document.createElement('button')));
    expect((await seriousAxeViolations(canary)).map((v) => v.id)).toContain('button-name');

    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      for (const [pageId, macros] of [
        [SUMMER_PAGE, ['sync-panel', 'decision-tree']],
        ['1000203', ['sync-panel']],
        [VOTING_PAGE, ['sync-panel']],
        [DEMO_PARENT_PAGE_ID, ['registry']],
      ] as const) {
        await open(pageId);
        await setTheme(session.page, theme);
        for (const macro of macros) {
          const frame = await macroFrame(session.page, macro);
          for (const v of await seriousAxeViolations(frame))
            found.push(`${theme} ${macro} on ${pageId}: ${v.id} (${v.impact}) ${v.help}`);
          // Every macro in both themes, for the reviewers of what users see.
          if (pageId === SUMMER_PAGE || pageId === DEMO_PARENT_PAGE_ID) {
            await session.page.locator(`iframe[data-macro="${macro}"]`).screenshot({ path: shot(`${macro}-${theme}`) });
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  test('the sync panel follows the dark theme through the design tokens', async () => {
    await open('1000201');
    await setTheme(session.page, 'dark');
    try {
      const panel = await macroFrame(session.page, 'sync-panel');
      await panel.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
      const background = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
      // The dark surface token, not the light fallback (white).
      expect(background).not.toBe('rgb(255, 255, 255)');
      await session.page
        .locator('iframe[data-macro="sync-panel"]')
        .screenshot({ path: shot('sync-panel-partial-dark') });
    } finally {
      await setTheme(session.page, 'light');
    }
  });
});

/** Waits (up to 10 s) for the rows to match the patterns one to one, then asserts it. */
async function expectTexts(rows: Locator, patterns: RegExp[]): Promise<void> {
  const matches = (texts: string[]) =>
    texts.length === patterns.length && patterns.every((p, i) => p.test(texts[i] ?? ''));
  let texts = await rows.allTextContents();
  for (let waited = 0; !matches(texts) && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    texts = await rows.allTextContents();
  }
  expect(texts).toHaveLength(patterns.length);
  patterns.forEach((pattern, index) => expect(texts[index]).toMatch(pattern));
}
