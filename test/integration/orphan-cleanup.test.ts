import { DEMO_ORPHANS } from '../../dev/local-confluence/demo-confluence-pages';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-hdc';
import type { CleanupScan } from '../../src/contract/cleanup';
import { openCleanupFixture, untilDone } from '../helpers/cleanup-fixture';
import type { CleanupFixture } from '../helpers/cleanup-fixture';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';

const operator = { accountId: DEMO_ACCOUNTS.operator };
let db: TestDatabase;
let fixture: CleanupFixture;

beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  fixture = await openCleanupFixture(db);
});
afterEach(() => fixture.close());

async function scan(): Promise<CleanupScan> {
  const services = fixture.services();
  return (await untilDone(() => services.cleanup.scan(operator, {}))).result;
}

test('a scan of the demo finds one orphan of every kind, with evidence', async () => {
  const result = await scan();
  expect(result.status).toBe('complete');
  expect(result.findings?.orphanPages.map((page) => page.pageId).sort()).toEqual(
    [DEMO_ORPHANS.unreferenced, DEMO_ORPHANS.eventDeleted, DEMO_ORPHANS.withChild, DEMO_ORPHANS.child, DEMO_ORPHANS.recreated].sort(),
  );
  expect(result.findings?.orphanPages.find((page) => page.pageId === DEMO_ORPHANS.withChild)).toMatchObject({ childCount: 1, childIds: [DEMO_ORPHANS.child], title: 'Retro notes 2025' });
  expect(result.findings?.danglingEvents).toEqual([
    expect.objectContaining({ name: 'Hack Week 2024', reason: 'trashed', pageStatus: 'trashed', suggestedPage: { pageId: DEMO_ORPHANS.recreated, title: 'Hack Week 2024 (recreated page)' } }),
  ]);
  expect(result.findings?.duplicateReferences).toEqual([
    expect.objectContaining({ pageId: '1000104', events: [expect.objectContaining({ name: 'Winter Hack 2025' }), expect.objectContaining({ name: 'Winter Hack 2025 (imported twice)' })] }),
  ]);
  // The restricted page is invisible to the operator, so it is no finding of theirs.
  expect(JSON.stringify(result)).not.toContain(DEMO_ORPHANS.restricted);
  expect(result.canDelete).toBe(true);
  const [audit] = await db.sql.query<{ action: string; actor: string }>(`select action, actor from ops_audit_log where action = 'cleanup_scanned'`);
  expect(audit).toEqual({ action: 'cleanup_scanned', actor: DEMO_ACCOUNTS.operator });
});

test('plan, execute and restore: orphans trashed leaves first, the dangling event relinked, then all put back', async () => {
  const found = await scan();
  const hackWeek = found.findings!.danglingEvents[0]!;
  const services = fixture.services();
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
  await expect(services.cleanup.execute(operator, { planId: plan.planId, hash: '0'.repeat(64) })).rejects.toMatchObject({ code: 'validation' });

  const executed = (await untilDone(() => services.cleanup.execute(operator, { planId: plan.planId, hash: plan.hash }))).result;
  expect(executed.status).toBe('executed');
  expect(executed.items?.map((item) => item.state)).toEqual(['done', 'done', 'done', 'done']);
  for (const id of [DEMO_ORPHANS.withChild, DEMO_ORPHANS.child, DEMO_ORPHANS.unreferenced]) expect(fixture.site.page(id)?.status).toBe('trashed');
  const [event] = await db.sql.query<{ page: string }>('select confluence_page_id as page from event where id = $1', [hackWeek.eventId]);
  expect(event?.page).toBe(DEMO_ORPHANS.recreated);
  const eventAudit = await db.sql.query<{ action: string; before: unknown; after: unknown }>('select action, before, after from event_audit_log where event_id = $1 and action like $2', [hackWeek.eventId, 'page%']);
  expect(eventAudit).toEqual([{ action: 'page_relinked', before: { pageId: DEMO_ORPHANS.trashedEventPage, cleanupPlanId: plan.planId }, after: { pageId: DEMO_ORPHANS.recreated, cleanupPlanId: plan.planId } }]);
  expect(await db.sql.query(`select count(*)::int as n from ops_audit_log where action = 'cleanup_item_executed'`)).toEqual([{ n: 4 }]);

  const restored = (await untilDone(() => services.cleanup.restore(operator, { planId: plan.planId }))).result;
  expect(restored.status).toBe('restored');
  expect(restored.items?.map((item) => item.state)).toEqual(['restored', 'restored', 'restored', 'restored']);
  for (const id of [DEMO_ORPHANS.withChild, DEMO_ORPHANS.child, DEMO_ORPHANS.unreferenced]) expect(fixture.site.page(id)?.status).toBe('current');
  const [back] = await db.sql.query<{ page: string }>('select confluence_page_id as page from event where id = $1', [hackWeek.eventId]);
  expect(back?.page).toBe(DEMO_ORPHANS.trashedEventPage);
});
