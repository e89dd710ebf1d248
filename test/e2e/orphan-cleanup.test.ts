/** @jest-environment ./test/e2e/browser-test-environment.js */
import { join } from 'node:path';
import { DEMO_ORPHANS } from '../../dev/local-confluence/demo-confluence-pages';
import { ORPHAN_CLEANUP_PAGE_ID } from '../../dev/page-tree';
import {
  ARTIFACTS,
  describeInChromium,
  macroFrame,
  pagePath,
  seriousAxeViolations,
  setTheme,
  signInAs,
  useBrowserSession,
  confirmation,
} from './local-host-browser';

describeInChromium('the orphan-page cleanup macro on the local Forge host', () => {
  const session = useBrowserSession();
  const open = () => session.page.goto(new URL(pagePath(ORPHAN_CLEANUP_PAGE_ID), session.host.url).href);
  const shot = (name: string) => join(ARTIFACTS, `${name}.png`);
  const site = () => session.host.confluence.site;

  test('a non-operator is refused, with who to ask', async () => {
    await open();
    await signInAs(session.page, /Non-admin/);
    const macro = await macroFrame(session.page, 'orphan-cleanup');
    await macro.getByText('Only HDC operators may clean up orphan pages').waitFor();
    await macro.getByText(/Ask an HDC operator/).waitFor();
  });

  test('an operator scans, plans, confirms, watches it run, and restores', async () => {
    await open();
    await signInAs(session.page, /HDC operator/);
    let macro = await macroFrame(session.page, 'orphan-cleanup');
    await macro.getByText('No scan yet').waitFor();
    await macro.getByRole('button', { name: 'Scan now' }).click();
    await macro.getByRole('heading', { name: 'Orphan pages (5)' }).waitFor();
    await macro.getByRole('heading', { name: 'Dangling events (1)' }).waitFor();
    await macro.getByRole('heading', { name: 'Duplicate references (1)' }).waitFor();
    await session.page
      .locator('iframe[data-macro="orphan-cleanup"]')
      .screenshot({ path: shot('orphan-cleanup-findings') });

    await macro.getByLabel('Trash Spring Jam 2026 — abandoned draft').check();
    await macro.getByLabel('Action for Hack Week 2024').click();
    await macro.getByRole('option', { name: /^Relink to/ }).click();
    await macro.getByRole('button', { name: 'Preview plan (2)' }).click();
    await macro
      .getByText(/This plan will move 1 page to the trash and change 1 page reference, as Omar Haddad/)
      .waitFor();
    expect(site().page(DEMO_ORPHANS.unreferenced)?.status).toBe('current');

    await macro.getByRole('button', { name: 'Run this plan…' }).click();
    // Confluence's own kind of dialog: over the whole page, not inside the macro's frame.
    const dialog = await confirmation(session.page, 'Run the cleanup?');
    // Cancel comes first, and nothing happens on cancel.
    expect(await dialog.frame.getByRole('button').first().textContent()).toBe('Cancel');
    await dialog.frame.getByRole('button', { name: 'Run the cleanup' }).click();
    await macro.getByRole('heading', { name: 'Cleanup results' }).waitFor();
    await macro.locator('[data-item-state="done"]').nth(1).waitFor();
    expect(site().page(DEMO_ORPHANS.unreferenced)?.status).toBe('trashed');
    await session.page
      .locator('iframe[data-macro="orphan-cleanup"]')
      .screenshot({ path: shot('orphan-cleanup-results') });

    macro = await macroFrame(session.page, 'orphan-cleanup');
    await macro
      .getByRole('row', { name: /Executed/ })
      .getByRole('button', { name: 'Restore' })
      .click();
    await macro.locator('[data-item-state="restored"]').nth(1).waitFor();
    await macro.locator('td', { hasText: /^Restored\d/ }).waitFor();
    expect(site().page(DEMO_ORPHANS.unreferenced)?.status).toBe('current');
  });

  test('a scan runs in the background: an operator who opens the page meanwhile sees it, who started it and how far it got, and the findings when it ends', async () => {
    await open();
    await signInAs(session.page, /HDC operator/);
    session.host.confluence.api.settings.latencyMs = 700;
    try {
      let macro = await macroFrame(session.page, 'orphan-cleanup');
      await macro.getByRole('button', { name: /^Scan (now|again)$/ }).click();
      await macro.getByText(/^Scanning… .* started by Omar Haddad/).waitFor();
      // Another tab (or operator) opening the page meanwhile finds the job running.
      await open();
      macro = await macroFrame(session.page, 'orphan-cleanup');
      await macro.getByText(/^Scanning… .* It goes on if you leave this page\./).waitFor();
      expect(await macro.getByRole('button', { name: /^Scan (now|again)$/ }).isDisabled()).toBe(true);
      await macro.getByRole('heading', { name: /^Orphan pages \(\d+\)$/ }).waitFor({ timeout: 30_000 });
      await macro.getByText(/^Scanning…/).waitFor({ state: 'detached' });
    } finally {
      session.host.confluence.api.settings.latencyMs = 0;
    }
  });

  test('a page an event is relinked to cannot also be ticked for the trash, and the screen says why', async () => {
    await open();
    await signInAs(session.page, /HDC operator/);
    const macro = await macroFrame(session.page, 'orphan-cleanup');
    await macro.getByRole('heading', { name: /^Orphan pages \(\d+\)$/ }).waitFor();
    await macro.getByLabel('Action for Hack Week 2024').click();
    await macro.getByRole('option', { name: /^Relink to/ }).click();
    await macro.getByRole('button', { name: 'Select all shown' }).click();
    const target = macro.getByLabel('Trash Hack Week 2024 (recreated page)');
    expect(await target.isChecked()).toBe(false);
    expect(await target.isDisabled()).toBe(true);
    await macro.getByText('Kept: Hack Week 2024 is relinked to it, so it cannot be trashed.').waitFor();
    await macro.getByRole('button', { name: 'Preview plan (5)' }).waitFor();
  });

  test('no serious or critical accessibility violation, in light or dark', async () => {
    await open();
    await signInAs(session.page, /HDC operator/);
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(session.page, theme);
      const macro = await macroFrame(session.page, 'orphan-cleanup');
      await macro.getByRole('heading', { name: 'History' }).waitFor();
      for (const v of await seriousAxeViolations(macro)) found.push(`${theme}: ${v.id} (${v.impact}) ${v.help}`);
      await session.page
        .locator('iframe[data-macro="orphan-cleanup"]')
        .screenshot({ path: shot(`orphan-cleanup-${theme}`) });
    }
    await setTheme(session.page, 'light');
    expect(found).toEqual([]);
  });
});
