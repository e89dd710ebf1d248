import type { Envelope } from '../../src/contract/envelope';
import { RESOLVER_PAYLOADS } from '../../src/contract/resolver-keys';
import type { RegistryPage, SyncTreeReply } from '../../src/contract/results';
import type { IntegrityDryRun } from '../../src/contract/verification';
import type { ReportHistory, WeeklyReport } from '../../src/contract/weekly-report';
import { createDatabaseAdmin } from '../../src/app/database-admin';
import { buildSamplerTrigger, buildWeeklyReportTrigger } from '../../src/forge/scheduled-handlers';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import type { SeededDemo } from '../../src/seed/seed-demo';
import { snapshotSite } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

// Two sites in one database with the same demo: the same page ids, admins and operators. Every
// resolver and trigger acting for site A must see only A's rows and leave B's exactly as they were.
const resolvers = useResolversOnTestDatabase({ parentPageId: DEMO_PARENT_PAGE_ID });
const SUMMER_PAGE = '1000102';
const NOTE = 'Two hacks lack a title or an owner; the team leads were told today.';

let siteA: SeededDemo;
let siteB: SeededDemo;
let reportOfB: WeeklyReport;
beforeEach(async () => {
  const admin = createDatabaseAdmin(resolvers.db.sql);
  siteA = await admin.seedDemo(TEST_SITE);
  siteB = await admin.seedDemo(OTHER_SITE);
  const servicesOfB = resolvers.app.servicesFor({ site: OTHER_SITE });
  await servicesOfB.sync.completeAndSync({ accountId: DEMO_ACCOUNTS.primaryAdmin }, idOf(siteB, 'Summer Hack 2026'));
  reportOfB = await servicesOfB.verification.generateReport(DEMO_ACCOUNTS.operator);
  await servicesOfB.flushTelemetry();
});

function idOf(demo: SeededDemo, name: string): string {
  const event = demo.events.find((candidate) => candidate.name === name);
  if (event === undefined) throw new Error(`No demo event ${name}`);
  return event.id;
}
const idsOf = (demo: SeededDemo) => new Set(demo.events.map((event) => event.id));

async function onA<T>(
  key: string,
  payload: unknown,
  accountId: string = DEMO_ACCOUNTS.primaryAdmin,
  context: object = {},
): Promise<T> {
  const reply = await resolvers.invoke<T>(key, payload, accountId, context, TEST_SITE);
  if (!reply.ok) throw new Error(`${key} on site A: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

test('the two sites really collide: same page ids, admins and operators, different events', () => {
  expect(siteA.events.map((e) => e.pageId)).toEqual(siteB.events.map((e) => e.pageId));
  expect([...idsOf(siteA)].some((id) => idsOf(siteB).has(id))).toBe(false);
});

test('every resolver on site A sees only site A and changes nothing of site B', async () => {
  const before = await snapshotSite(resolvers.db.sql, OTHER_SITE);
  const summerOfA = idOf(siteA, 'Summer Hack 2026');

  const registry = await onA<RegistryPage>('registry.list', {}, DEMO_ACCOUNTS.nonAdmin, {
    extension: { content: { id: DEMO_PARENT_PAGE_ID } },
  });
  expect(new Set(registry.events.map((e) => e.id))).toEqual(idsOf(siteA));
  expect((await onA<{ eventId: string }>('sync.status', { pageId: SUMMER_PAGE })).eventId).toBe(summerOfA);
  expect((await onA<SyncTreeReply>('sync.tree', { pageId: SUMMER_PAGE })).event?.eventId).toBe(summerOfA);

  await onA('sync.complete', { eventId: summerOfA });
  await onA('sync.retry', { eventId: summerOfA });
  await onA('sync.escalate', { eventId: summerOfA, note: NOTE });
  const audit = await onA<{ eventId: string }[]>('audit.list', { eventId: summerOfA });
  expect(audit.length).toBeGreaterThan(0);
  expect(audit.every((entry) => entry.eventId === summerOfA)).toBe(true);

  const dryRun = await onA<IntegrityDryRun>('report.integrityDryRun', { eventQuery: '' });
  expect(new Set(dryRun.events.map((e) => e.eventId))).toEqual(idsOf(siteA));
  const history = await onA<ReportHistory>('report.list', {});
  expect(history.reports).toEqual([]);
  await expect(resolvers.invoke('report.get', {}, DEMO_ACCOUNTS.nonAdmin)).resolves.toMatchObject({
    ok: false,
    error: { code: 'not_found' },
  });
  const report = await onA<WeeklyReport>('report.generate', {}, DEMO_ACCOUNTS.operator);
  expect(report.integrity.dryRun.events.every((e) => idsOf(siteA).has(e.eventId))).toBe(true);
  expect((await onA<ReportHistory>('report.list', {})).reports.map((r) => r.id)).toEqual([report.id]);
  expect((await onA<WeeklyReport>('report.get', {})).id).toBe(report.id);
  expect((await onA<{ markdown: string }>('report.markdown', { id: report.id })).markdown).toContain(
    'Weekly verification report',
  );

  expect(await snapshotSite(resolvers.db.sql, OTHER_SITE)).toEqual(before);
});

test.each([
  ['sync.status', (id: string) => ({ eventId: id })],
  ['sync.complete', (id: string) => ({ eventId: id })],
  ['sync.retry', (id: string) => ({ eventId: id })],
  ['sync.escalate', (id: string) => ({ eventId: id, note: NOTE })],
  ['audit.list', (id: string) => ({ eventId: id })],
])('%s on site A with an event id of site B finds no event and changes nothing', async (key, payload) => {
  const before = await snapshotSite(resolvers.db.sql, OTHER_SITE);
  const reply = await resolvers.invoke(
    key,
    payload(idOf(siteB, 'Summer Hack 2026')),
    DEMO_ACCOUNTS.primaryAdmin,
    {},
    TEST_SITE,
  );
  expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(await snapshotSite(resolvers.db.sql, OTHER_SITE)).toEqual(before);
});

test("site B's report is not found on site A, by id or as the latest", async () => {
  for (const key of ['report.get', 'report.markdown']) {
    expect(await resolvers.invoke(key, { id: reportOfB.id }, DEMO_ACCOUNTS.operator, {}, TEST_SITE)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  }
  const tree = await onA<SyncTreeReply>('sync.tree', { eventId: idOf(siteB, 'Summer Hack 2026') });
  expect(tree.event).toBeNull();
});

test('an operator of site B is no operator of site A, though the account id is the same', async () => {
  await resolvers.db.sql.query('delete from hdc_operator where site_id = $1', [TEST_SITE]);
  expect(await resolvers.invoke('report.generate', {}, DEMO_ACCOUNTS.operator, {}, TEST_SITE)).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  expect(
    await resolvers.invoke<ReportHistory>('report.list', {}, DEMO_ACCOUNTS.operator, {}, OTHER_SITE),
  ).toMatchObject({ ok: true, data: { viewerIsOperator: true } });
});

test('the scheduled triggers of site A sample and report site A only', async () => {
  const before = await snapshotSite(resolvers.db.sql, OTHER_SITE);
  const deps = { app: async () => resolvers.app, log: () => undefined };
  expect(await buildSamplerTrigger(deps)({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
  expect(await buildWeeklyReportTrigger(deps)({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
  expect(await resolvers.db.sql.query(`select site_id, job from scheduled_run order by id`)).toEqual([
    { site_id: TEST_SITE, job: 'telemetry_sampler' },
    { site_id: TEST_SITE, job: 'weekly_report' },
  ]);
  const [stored] = await resolvers.db.sql.query<{ events: string[] }>(
    `select array(select e ->> 'eventId' from jsonb_array_elements(report #> '{integrity,dryRun,events}') e) as events
     from weekly_report where site_id = $1`,
    [TEST_SITE],
  );
  expect(stored!.events.every((id) => idsOf(siteA).has(id))).toBe(true);
  expect(await snapshotSite(resolvers.db.sql, OTHER_SITE)).toEqual(before);
});

test.each(Object.keys(RESOLVER_PAYLOADS))(
  '%s without an installation context is refused and changes nothing',
  async (key) => {
    const before = await snapshotSite(resolvers.db.sql, TEST_SITE);
    const reply: Envelope<unknown> = await resolvers.invoke(
      key,
      { eventId: idOf(siteA, 'Summer Hack 2026') },
      DEMO_ACCOUNTS.primaryAdmin,
      {},
      null,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'This call came from no Confluence site installation' },
    });
    expect(await snapshotSite(resolvers.db.sql, TEST_SITE)).toEqual(before);
  },
);

test('an installation context that is not a Confluence site is refused, even with a frontend context that claims one', async () => {
  const reply = await resolvers.invoke(
    'registry.list',
    {},
    DEMO_ACCOUNTS.primaryAdmin,
    { installContext: TEST_SITE },
    'ari:cloud:jira::site/x',
  );
  expect(reply).toMatchObject({
    ok: false,
    error: { code: 'forbidden', message: 'HDC Ops runs on Confluence sites only' },
  });
});
