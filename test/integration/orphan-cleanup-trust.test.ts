import { DEMO_ORPHANS } from '../../dev/local-confluence/demo-confluence-pages';
import { localConfluenceAccess } from '../../dev/start-local-host';
import { createApp } from '../../src/app/create-app';
import type { CleanupPlan, CleanupProgress, CleanupScan, PlanItem } from '../../src/contract/cleanup';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import type { AppError } from '../../src/shared/app-error';
import type { Viewer } from '../../src/shared/viewer';
import { untilDone, useCleanupFixture } from '../helpers/cleanup-fixture';
import { databaseOutage } from '../helpers/database-outage';
import { TEST_SETTINGS } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// Orphan cleanup moves a customer's pages to the trash: tried as two tabs, two operators, a
// database outage mid-run, an edited plan and a tree that changed since planning would try it.
const operator: Viewer = { accountId: DEMO_ACCOUNTS.operator };
/** A second operator who may delete pages in Confluence. */
const secondOperator: Viewer = { accountId: DEMO_ACCOUNTS.primaryAdmin };
/** An operator Confluence does not let delete or restore pages. */
const powerless: Viewer = { accountId: DEMO_ACCOUNTS.nonAdmin };

const suite = useCleanupFixture({ latencyMs: 5 }, async (db) => {
  for (const viewer of [secondOperator, powerless]) {
    await db.sql.query(`insert into hdc_operator (site_id, account_id, added_by) values ($1, $2, 'test')`, [
      TEST_SITE,
      viewer.accountId,
    ]);
  }
});

async function scan(): Promise<CleanupScan> {
  const services = suite.fixture.services();
  return (await untilDone(() => services.cleanup.scan(operator, {}))).result;
}

async function planOf(items: PlanItem[], by: Viewer = operator): Promise<CleanupPlan> {
  const found = await scan();
  return suite.fixture.services().cleanup.plan(by, { scanId: found.scanId, items });
}

const trashing = (...pageIds: string[]): PlanItem[] => pageIds.map((pageId) => ({ action: 'trash' as const, pageId }));
const statesOf = (plan: CleanupPlan): Record<string, string> =>
  Object.fromEntries(
    (plan.items ?? []).map((item): [string, string] => [
      (item.action === 'trash' ? item.pageId : item.eventId) ?? '',
      item.state,
    ]),
  );
const deletes = () => suite.fixture.confluence.api.stats.byRoute['DELETE /pages/{id}'] ?? 0;

/** A caller that, refused because another call holds the plan, waits and asks again, as a person would. */
async function persistently(
  step: () => Promise<CleanupProgress<CleanupPlan>>,
  conflicts: string[],
): Promise<CleanupPlan> {
  for (;;) {
    try {
      return (await untilDone(step)).result;
    } catch (error) {
      if ((error as AppError).code !== 'conflict') throw error;
      conflicts.push((error as AppError).message);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('a sealed plan', () => {
  test('an item edited after planning stops the whole plan, at execute and at restore, and nothing is done in Confluence', async () => {
    const plan = await planOf(trashing(DEMO_ORPHANS.unreferenced, DEMO_ORPHANS.eventDeleted));
    // What the anon key allowed before row-level security: point an item at a page outside the plan.
    await suite.db.sql.query(`update cleanup_item set page_id = $2 where plan_id = $1 and position = 1`, [
      plan.planId,
      DEMO_PARENT_PAGE_ID,
    ]);
    const services = suite.fixture.services();
    await expect(services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('no longer matches its seal'),
    });
    expect(deletes()).toBe(0);
    expect(suite.fixture.site.page(DEMO_PARENT_PAGE_ID)?.status).toBe('current');
    const [stored] = await services.cleanup.plans(operator, { planId: plan.planId });
    expect(stored).toMatchObject({ status: 'planned', counts: { pending: 2 } });

    // Sealed at restore too: an executed plan edited afterwards is not restored.
    const honest = await planOf(trashing(DEMO_ORPHANS.recreated));
    await untilDone(() => services.cleanup.execute(operator, { planId: honest.planId, hash: honest.hash }));
    await suite.db.sql.query(`update cleanup_item set version = version + 1 where plan_id = $1`, [honest.planId]);
    await expect(services.cleanup.restore(operator, { planId: honest.planId })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(suite.fixture.site.page(DEMO_ORPHANS.recreated)?.status).toBe('trashed');
  });
});

describe('one executor at a time', () => {
  test.each([
    ['the same operator in two tabs', operator],
    ['two operators', secondOperator],
  ])(
    '%s executing one plan at once: every trashed page is recorded done, none twice, and restore brings all back',
    async (_, other) => {
      const pages = [
        DEMO_ORPHANS.child,
        DEMO_ORPHANS.withChild,
        DEMO_ORPHANS.unreferenced,
        DEMO_ORPHANS.eventDeleted,
        DEMO_ORPHANS.recreated,
      ];
      const plan = await planOf(trashing(...pages));
      const conflicts: string[] = [];
      const [first, second] = await Promise.all([
        persistently(
          () => suite.fixture.services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }),
          conflicts,
        ),
        persistently(
          () => suite.fixture.services().cleanup.execute(other, { planId: plan.planId, hash: plan.hash }),
          conflicts,
        ),
      ]);
      expect(first.status).toBe('executed');
      expect(second.status).toBe('executed');
      // The refusal names who runs it since when.
      expect(conflicts.length).toBeGreaterThan(0);
      expect(conflicts[0]).toMatch(
        new RegExp(
          `^Plan ${plan.planId} is being executed by (${operator.accountId}|${other.accountId}) since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC$`,
        ),
      );
      const [final] = await suite.fixture.services().cleanup.plans(operator, { planId: plan.planId });
      expect(final?.counts).toEqual({ done: 5 });
      for (const id of pages) expect(suite.fixture.site.page(id)?.status).toBe('trashed');
      expect(deletes()).toBe(5);
      expect(final?.running).toBeNull();

      const restored = await persistently(
        () => suite.fixture.services().cleanup.restore(other, { planId: plan.planId }),
        conflicts,
      );
      expect(restored).toMatchObject({ status: 'restored', counts: { restored: 5 } });
      for (const id of pages) expect(suite.fixture.site.page(id)?.status).toBe('current');
    },
  );

  test('a restore while the execution runs is refused with the holder named, and changes nothing', async () => {
    const plan = await planOf(trashing(DEMO_ORPHANS.unreferenced));
    await suite.db.sql.query(
      `update cleanup_plan set status = 'executed', run_token = gen_random_uuid(), run_by = $2, run_since = now(), run_until = now() + interval '1 minute' where id = $1`,
      [plan.planId, secondOperator.accountId],
    );
    await expect(suite.fixture.services().cleanup.restore(operator, { planId: plan.planId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`is being executed by ${secondOperator.accountId} since`),
      guidance: expect.stringMatching(/^Wait for it to finish \(at the latest \d{2}:\d{2}:\d{2} UTC\)/),
    });
    // A holder that died: its lease expires and the plan can be carried on.
    await suite.db.sql.query(`update cleanup_plan set run_until = now() - interval '1 second' where id = $1`, [
      plan.planId,
    ]);
    await expect(
      untilDone(() => suite.fixture.services().cleanup.restore(operator, { planId: plan.planId })),
    ).resolves.toMatchObject({ result: { status: 'restored' } });
  });
});

describe('an exact restore', () => {
  test('an orphan and its child page come back as they were: the child under its parent, the parent under the HDC parent', async () => {
    const parentBefore = suite.fixture.site.page(DEMO_ORPHANS.withChild)!.parentId;
    const plan = await planOf(trashing(DEMO_ORPHANS.withChild, DEMO_ORPHANS.child));
    const services = suite.fixture.services();
    const executed = (
      await untilDone(() => services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }))
    ).result;
    expect(statesOf(executed)).toEqual({ [DEMO_ORPHANS.withChild]: 'done', [DEMO_ORPHANS.child]: 'done' });
    const restored = (await untilDone(() => services.cleanup.restore(operator, { planId: plan.planId }))).result;
    expect(restored.status).toBe('restored');
    expect(suite.fixture.site.page(DEMO_ORPHANS.withChild)).toMatchObject({
      status: 'current',
      parentId: parentBefore,
    });
    expect(suite.fixture.site.page(DEMO_ORPHANS.child)).toMatchObject({
      status: 'current',
      parentId: DEMO_ORPHANS.withChild,
    });
  });

  test('a restore Confluence refuses leaves the plan partly restored and restorable; an operator who may restore completes it', async () => {
    const pages = [DEMO_ORPHANS.unreferenced, DEMO_ORPHANS.eventDeleted];
    const plan = await planOf(trashing(...pages));
    const services = suite.fixture.services();
    await untilDone(() => services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }));
    const refused = (await untilDone(() => services.cleanup.restore(powerless, { planId: plan.planId }))).result;
    expect(refused.status).toBe('partly_restored');
    expect(refused.counts).toEqual({ restore_failed: 2 });
    expect(refused.items?.[0]?.reason).toMatch(/may not restore this page in Confluence/);
    for (const id of pages) expect(suite.fixture.site.page(id)?.status).toBe('trashed');
    const completed = (await untilDone(() => services.cleanup.restore(operator, { planId: plan.planId }))).result;
    expect(completed).toMatchObject({ status: 'restored', counts: { restored: 2 }, restoredBy: operator.accountId });
    for (const id of pages) expect(suite.fixture.site.page(id)?.status).toBe('current');
    await expect(services.cleanup.restore(operator, { planId: plan.planId })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('re-checks against Confluence and the database as they are at execution', () => {
  test('an orphan that gained a child page after the scan is skipped, and the child stays under it', async () => {
    const plan = await planOf(trashing(DEMO_ORPHANS.unreferenced));
    suite.fixture.site.add({
      id: '1000999',
      title: 'Notes added after the scan',
      status: 'current',
      parentId: DEMO_ORPHANS.unreferenced,
    });
    const result = (
      await untilDone(() =>
        suite.fixture.services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }),
      )
    ).result;
    expect(result.items?.[0]).toMatchObject({
      state: 'skipped',
      reason: 'It has a child page that stays ("Notes added after the scan"); trash the child first or leave both.',
    });
    expect(suite.fixture.site.page(DEMO_ORPHANS.unreferenced)?.status).toBe('current');
    expect(suite.fixture.site.page('1000999')?.parentId).toBe(DEMO_ORPHANS.unreferenced);
    expect(deletes()).toBe(0);
  });

  test('relinking to a page another event took after planning is skipped, naming the event: no duplicate reference', async () => {
    const found = await scan();
    const hackWeek = found.findings!.danglingEvents[0]!;
    const plan = await suite.fixture.services().cleanup.plan(operator, {
      scanId: found.scanId,
      items: [{ action: 'relink', eventId: hackWeek.eventId, toPageId: DEMO_ORPHANS.recreated }],
    });
    await suite.db.sql.query(
      `update event set confluence_page_id = $2 where site_id = $1 and name = 'Spring Jam 2026'`,
      [TEST_SITE, DEMO_ORPHANS.recreated],
    );
    const result = (
      await untilDone(() =>
        suite.fixture.services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }),
      )
    ).result;
    expect(result.items?.[0]).toMatchObject({
      state: 'skipped',
      reason: `Page ${DEMO_ORPHANS.recreated} is now the page of the event "Spring Jam 2026"; it was left as it is.`,
    });
    expect(
      await suite.db.sql.query(`select count(*)::int as n from event where site_id = $1 and confluence_page_id = $2`, [
        TEST_SITE,
        DEMO_ORPHANS.recreated,
      ]),
    ).toEqual([{ n: 1 }]);
  });
});

describe('honest mid-way failures', () => {
  test('the database going down after Confluence acted says how many pages were trashed and that resuming is safe; resuming acts on none twice', async () => {
    const outage = databaseOutage(suite.db.rpc);
    const app = createApp({
      rpc: outage.rpc,
      confluence: localConfluenceAccess(() => suite.fixture.confluence.url),
      settings: { ...TEST_SETTINGS, parentPageId: DEMO_PARENT_PAGE_ID },
      log: () => undefined,
    });
    const services = () => app.servicesFor({ site: TEST_SITE });
    const pages = [DEMO_ORPHANS.unreferenced, DEMO_ORPHANS.eventDeleted, DEMO_ORPHANS.recreated, DEMO_ORPHANS.child];
    const plan = await planOf(trashing(...pages));
    // Down once the first batch has been handed out: Confluence acts, the next round trip (its record) fails.
    outage.downAfter('hdc_cleanup_execute_batch', 1);
    await expect(services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash })).rejects.toMatchObject({
      code: 'unavailable',
      message:
        '4 pages were moved to the trash in Confluence before the database stopped answering, so the plan may not show it yet',
      guidance: expect.stringContaining('resuming is safe'),
      details: { outcome: 'partly_applied', acted: 4 },
    });
    expect(
      JSON.stringify(
        await services()
          .cleanup.plans(operator, { planId: plan.planId })
          .catch((error: unknown) => error),
      ),
    ).not.toContain('nothing was changed');
    outage.up();
    // The batch's lease outlives the failed call: the resumed call waits for it, as a person would.
    await suite.db.sql.query(`update cleanup_plan set run_until = now() where id = $1`, [plan.planId]);
    const resumed = (
      await untilDone(() => services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }))
    ).result;
    expect(resumed.counts).toEqual({ done: 4 });
    expect(deletes()).toBe(4);
  });

  test("Confluence refusing half-way: the refused page fails with Confluence's reason, the page reference is changed, and a retry changes nothing", async () => {
    const found = await scan();
    const hackWeek = found.findings!.danglingEvents[0]!;
    const plan = await suite.fixture.services().cleanup.plan(operator, {
      scanId: found.scanId,
      items: [
        ...trashing(DEMO_ORPHANS.unreferenced),
        { action: 'relink', eventId: hackWeek.eventId, toPageId: DEMO_ORPHANS.recreated },
      ],
    });
    // Run by an operator whom Confluence does not let delete pages.
    const result = (
      await untilDone(() =>
        suite.fixture.services().cleanup.execute(powerless, { planId: plan.planId, hash: plan.hash }),
      )
    ).result;
    expect(statesOf(result)).toEqual({ [DEMO_ORPHANS.unreferenced]: 'failed', [hackWeek.eventId]: 'done' });
    expect(result.items?.[0]?.reason).toMatch(
      /^You may not delete this page in Confluence \(page 1000120\)\. Ask a space admin/,
    );
    expect(suite.fixture.site.page(DEMO_ORPHANS.unreferenced)?.status).toBe('current');
    const again = await untilDone(() =>
      suite.fixture.services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }),
    );
    expect(again).toMatchObject({ calls: 1, result: { status: 'executed', counts: { failed: 1, done: 1 } } });
    expect(deletes()).toBe(1);
  });

  test('a page hidden from the operator since planning is skipped, not trashed', async () => {
    suite.fixture.site.add({ id: '1000998', title: 'Notes', status: 'current', parentId: DEMO_PARENT_PAGE_ID });
    const plan = await planOf(trashing(DEMO_ORPHANS.unreferenced, '1000998'));
    suite.fixture.site.page('1000998')!.viewers = [DEMO_ACCOUNTS.primaryAdmin];
    const result = (
      await untilDone(() =>
        suite.fixture.services().cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }),
      )
    ).result;
    expect(statesOf(result)).toEqual({ [DEMO_ORPHANS.unreferenced]: 'done', '1000998': 'skipped' });
    expect(suite.fixture.site.page('1000998')?.status).toBe('current');
  });
});

describe('a plan that cannot be carried out is refused whole, naming what is wrong', () => {
  test('a page both trashed and relinked to', async () => {
    const found = await scan();
    const hackWeek = found.findings!.danglingEvents[0]!;
    await expect(
      suite.fixture.services().cleanup.plan(operator, {
        scanId: found.scanId,
        items: [
          ...trashing(DEMO_ORPHANS.recreated),
          { action: 'relink', eventId: hackWeek.eventId, toPageId: DEMO_ORPHANS.recreated },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: `"Hack Week 2024 (recreated page)" (page ${DEMO_ORPHANS.recreated}) is both trashed and the page the event "Hack Week 2024" is relinked to`,
    });
    expect(await suite.db.sql.query('select count(*)::int as n from cleanup_plan')).toEqual([{ n: 0 }]);
  });
});
