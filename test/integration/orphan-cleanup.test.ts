import { TEST_SETTINGS } from '../helpers/test-database';
import { DEMO_ORPHANS } from '../../dev/local-confluence/demo-confluence-pages';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-hdc';
import type { CleanupScan } from '../../src/contract/cleanup';
import { untilDone, useCleanupFixture } from '../helpers/cleanup-fixture';

const operator = { accountId: DEMO_ACCOUNTS.operator };
const suite = useCleanupFixture();

async function scan(): Promise<CleanupScan> {
  const services = suite.fixture.services();
  return (await untilDone(() => services.cleanup.scan(operator, {}))).result;
}

test('a scan of the demo finds one orphan of every kind, with evidence', async () => {
  const result = await scan();
  expect(result.status).toBe('complete');
  expect(result.findings?.orphanPages.map((page) => page.pageId).sort()).toEqual(
    [
      DEMO_ORPHANS.unreferenced,
      DEMO_ORPHANS.eventDeleted,
      DEMO_ORPHANS.withChild,
      DEMO_ORPHANS.child,
      DEMO_ORPHANS.recreated,
    ].sort(),
  );
  expect(result.findings?.orphanPages.find((page) => page.pageId === DEMO_ORPHANS.withChild)).toMatchObject({
    childCount: 1,
    childIds: [DEMO_ORPHANS.child],
    title: 'Retro notes 2025',
  });
  expect(result.findings?.danglingEvents).toEqual([
    expect.objectContaining({
      name: 'Hack Week 2024',
      reason: 'trashed',
      pageStatus: 'trashed',
      suggestedPage: { pageId: DEMO_ORPHANS.recreated, title: 'Hack Week 2024 (recreated page)' },
    }),
  ]);
  expect(result.findings?.duplicateReferences).toEqual([
    expect.objectContaining({
      pageId: '1000104',
      events: [
        expect.objectContaining({ name: 'Winter Hack 2025' }),
        expect.objectContaining({ name: 'Winter Hack 2025 (imported twice)' }),
      ],
    }),
  ]);
  // The restricted page is invisible to the operator, so it is no finding of theirs.
  expect(JSON.stringify(result)).not.toContain(DEMO_ORPHANS.restricted);
  expect(result.canDelete).toBe(true);
  const [audit] = await suite.db.sql.query<{ action: string; actor: string }>(
    `select action, actor from ops_audit_log where action = 'cleanup_scanned'`,
  );
  expect(audit).toEqual({ action: 'cleanup_scanned', actor: DEMO_ACCOUNTS.operator });
});

test('plan, execute and restore: orphans trashed leaves first, the dangling event relinked, then all put back', async () => {
  const found = await scan();
  const hackWeek = found.findings!.danglingEvents[0]!;
  const services = suite.fixture.services();
  const plan = await services.cleanup.plan(operator, {
    scanId: found.scanId,
    items: [
      { action: 'trash', pageId: DEMO_ORPHANS.withChild },
      { action: 'trash', pageId: DEMO_ORPHANS.child },
      { action: 'trash', pageId: DEMO_ORPHANS.unreferenced },
      { action: 'relink', eventId: hackWeek.eventId, toPageId: DEMO_ORPHANS.recreated },
    ],
  });
  expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(services.cleanup.execute(operator, { planId: plan.planId, hash: '0'.repeat(64) })).rejects.toMatchObject(
    { code: 'validation' },
  );

  const executed = (await untilDone(() => services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash })))
    .result;
  expect(executed.status).toBe('executed');
  expect(executed.items?.map((item) => item.state)).toEqual(['done', 'done', 'done', 'done']);
  for (const id of [DEMO_ORPHANS.withChild, DEMO_ORPHANS.child, DEMO_ORPHANS.unreferenced])
    expect(suite.fixture.site.page(id)?.status).toBe('trashed');
  const [event] = await suite.db.sql.query<{ page: string }>(
    'select confluence_page_id as page from event where id = $1',
    [hackWeek.eventId],
  );
  expect(event?.page).toBe(DEMO_ORPHANS.recreated);
  const eventAudit = await suite.db.sql.query<{ action: string; before: unknown; after: unknown }>(
    'select action, before, after from event_audit_log where event_id = $1 and action like $2',
    [hackWeek.eventId, 'page%'],
  );
  expect(eventAudit).toEqual([
    {
      action: 'page_relinked',
      before: { pageId: DEMO_ORPHANS.trashedEventPage, cleanupPlanId: plan.planId },
      after: { pageId: DEMO_ORPHANS.recreated, cleanupPlanId: plan.planId },
    },
  ]);
  expect(
    await suite.db.sql.query(`select count(*)::int as n from ops_audit_log where action = 'cleanup_item_executed'`),
  ).toEqual([{ n: 4 }]);

  const restored = (await untilDone(() => services.cleanup.restore(operator, { planId: plan.planId }))).result;
  expect(restored.status).toBe('restored');
  expect(restored.items?.map((item) => item.state)).toEqual(['restored', 'restored', 'restored', 'restored']);
  for (const id of [DEMO_ORPHANS.withChild, DEMO_ORPHANS.child, DEMO_ORPHANS.unreferenced])
    expect(suite.fixture.site.page(id)?.status).toBe('current');
  const [back] = await suite.db.sql.query<{ page: string }>(
    'select confluence_page_id as page from event where id = $1',
    [hackWeek.eventId],
  );
  expect(back?.page).toBe(DEMO_ORPHANS.trashedEventPage);
});

test('a non-operator is refused before anything is asked of Confluence', async () => {
  const services = suite.fixture.services();
  await expect(services.cleanup.scan({ accountId: DEMO_ACCOUNTS.primaryAdmin }, {})).rejects.toMatchObject({
    code: 'forbidden',
  });
  await expect(services.cleanup.plans({ accountId: DEMO_ACCOUNTS.nonAdmin }, {})).rejects.toMatchObject({
    code: 'forbidden',
  });
  expect(suite.fixture.confluence.api.stats.requests).toBe(0);
});

test('a large tree is listed 250 pages a request, through 429 storms, in as few requests as the target allows', async () => {
  suite.fixture.site.add(
    ...Array.from({ length: 600 }, (_, i) => ({
      id: String(2_000_000 + i),
      title: `Stray ${i}`,
      status: 'current' as const,
      parentId: '1000001',
    })),
  );
  suite.fixture.confluence.api.settings.rateLimitShare = 0.3;
  const result = await scan();
  const stats = suite.fixture.confluence.api.stats;
  expect(stats.rateLimited).toBeGreaterThan(0);
  expect(result.counts).toMatchObject({ pages: 617, orphanPages: 605, missing: 1 });
  // ceil(617 / 250) descendants + ceil(1 / 250) lookups + 1 permission check, not counting the 429s retried.
  expect(stats.requests - stats.rateLimited).toBe(3 + 1 + 1);
  expect(result.requests).toBe(5);
});

test("execution re-checks every item: a page changed since planning is skipped with the reason; a page Confluence will not let the user delete failed, with Confluence's reason", async () => {
  await suite.db.sql.query(
    `insert into hdc_operator (site_id, account_id, added_by) select site_id, $1, 'test' from hdc_operator limit 1`,
    [DEMO_ACCOUNTS.nonAdmin],
  );
  const found = await scan();
  const services = suite.fixture.services();
  const plan = await services.cleanup.plan(operator, {
    scanId: found.scanId,
    items: [
      { action: 'trash', pageId: DEMO_ORPHANS.unreferenced },
      { action: 'trash', pageId: DEMO_ORPHANS.withChild },
    ],
  });
  suite.fixture.site.edit(DEMO_ORPHANS.unreferenced, { title: 'Spring Jam 2026 — revived' });
  const byNonAdmin = (
    await untilDone(() =>
      services.cleanup.execute({ accountId: DEMO_ACCOUNTS.nonAdmin }, { planId: plan.planId, hash: plan.hash }),
    )
  ).result;
  const reasons: Record<string, string> = Object.fromEntries(
    (byNonAdmin.items ?? []).map((item) => [item.pageId, `${item.state}: ${item.reason ?? ''}`]),
  );
  expect(reasons[DEMO_ORPHANS.unreferenced]).toMatch(/^skipped: The page changed since planning/);
  // Its child is not in the plan, so it stays: trashing the parent would move the child.
  expect(reasons[DEMO_ORPHANS.withChild]).toMatch(/^skipped: It has a child page that stays/);
  const denied = await services.cleanup.plan(operator, {
    scanId: found.scanId,
    items: [{ action: 'trash', pageId: DEMO_ORPHANS.eventDeleted }],
  });
  const refused = (
    await untilDone(() =>
      services.cleanup.execute({ accountId: DEMO_ACCOUNTS.nonAdmin }, { planId: denied.planId, hash: denied.hash }),
    )
  ).result;
  expect(refused.items?.[0]).toMatchObject({
    state: 'failed',
    reason: expect.stringMatching(/may not delete this page in Confluence/),
  });
  expect(suite.fixture.site.page(DEMO_ORPHANS.eventDeleted)?.status).toBe('current');
});

test('an execution interrupted by Confluence resumes where it stopped, without acting twice', async () => {
  const found = await scan();
  const services = suite.fixture.services();
  const items = [DEMO_ORPHANS.unreferenced, DEMO_ORPHANS.eventDeleted, DEMO_ORPHANS.recreated].map((pageId) => ({
    action: 'trash' as const,
    pageId,
  }));
  const plan = await services.cleanup.plan(operator, { scanId: found.scanId, items });
  suite.fixture.confluence.api.settings.rateLimitShare = 1;
  await expect(services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash })).rejects.toMatchObject({
    code: 'transient',
    retryable: true,
  });
  const [stillPending] = await services.cleanup.plans(operator, { planId: plan.planId });
  expect(stillPending?.status).toBe('executing');
  expect(stillPending?.counts).toEqual({ pending: 3 });
  suite.fixture.confluence.api.settings.rateLimitShare = 0;
  suite.fixture.confluence.api.resetStats();
  const done = (await untilDone(() => services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash })))
    .result;
  expect(done.counts).toEqual({ done: 3 });
  expect(suite.fixture.confluence.api.stats.byRoute['DELETE /pages/{id}']).toBe(3);
  expect(
    await untilDone(() => services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash })),
  ).toMatchObject({ calls: 1, result: { status: 'executed' } });
  expect(suite.fixture.confluence.api.stats.byRoute['DELETE /pages/{id}']).toBe(3);
});

test('the weekly orphan-scan trigger starts the scan as a job; its run is recorded when the job ends (ok with the counts; failed with the code when Confluence is down), which the ops summary counts', async () => {
  const { buildOrphanScanTrigger } = await import('../../src/forge/scheduled-handlers');
  const { DEMO_PARENT_PAGE_ID } = await import('../../src/seed/demo-hdc');
  const { TEST_SITE } = await import('../helpers/test-sites');
  const app = {
    servicesFor: () => suite.fixture.services(),
    settings: { ...TEST_SETTINGS, parentPageId: DEMO_PARENT_PAGE_ID },
  };
  const trigger = buildOrphanScanTrigger({
    app: async () => app,
    log: () => undefined,
  });
  expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
  expect(await suite.db.sql.query('select count(*)::int as n from scheduled_run')).toEqual([{ n: 0 }]);
  await suite.fixture.queue.drain();
  const [ok] = await suite.db.sql.query<{
    job: string;
    status: string;
    detail: { complete: boolean; counts: { orphanPages: number } };
  }>('select job, status, detail from scheduled_run');
  expect(ok).toMatchObject({
    job: 'orphan_scan',
    status: 'ok',
    detail: { complete: true, counts: { orphanPages: 5 } },
  });
  await suite.fixture.close();
  expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
  await suite.fixture.queue.drain();
  expect(await suite.db.sql.query("select status, error_code from scheduled_run where status = 'failed'")).toEqual([
    { status: 'failed', error_code: expect.any(String) },
  ]);
  await suite.db.sql.query(
    "insert into hdc_operator (site_id, account_id, added_by) values ($1, 'op-x', 'test') on conflict do nothing",
    [TEST_SITE],
  );
  expect((await suite.fixture.services().opsStatus.summary('op-x')).scheduledRunsFailed24h).toMatchObject({
    count: 1,
    jobs: ['orphan_scan'],
  });
});
