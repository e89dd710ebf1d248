import { createDatabaseAdmin } from '../../src/app/database-admin';
import { weeklyRunTimes } from '../../src/app/demo-history';
import { runningClockFrom } from '../../src/shared/clock';
import { locateInTree, treeFactsOf } from '../../src/contract/sync-tree-position';
import { DEMO_ACCOUNTS, DEMO_EVENTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { openTestDatabase, TEST_SETTINGS } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// A fresh demo tells a true story: eight weeks of history, the weekly reports the Monday trigger
// would have written, one event in each state the sync panel explains, and a first report that
// is honest (not FAIL by construction) and compares with an earlier week.
// Seeded at Monday 00:30 UTC, before that Monday's 06:00 run: the hardest hour for "the last
// eight weeks" (the test that broke CI every Monday morning read the wall clock instead).
const MONDAY_EARLY = new Date('2026-12-07T00:30:00Z');
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await createDatabaseAdmin(db.sql).seedDemo(TEST_SITE, {
    settings: { ...TEST_SETTINGS, parentPageId: DEMO_PARENT_PAGE_ID },
    clock: runningClockFrom(MONDAY_EARLY),
  });
}, 120_000);
afterAll(() => db.close());

const services = () =>
  db
    .app({ settings: { parentPageId: DEMO_PARENT_PAGE_ID }, clock: runningClockFrom(MONDAY_EARLY) })
    .servicesFor({ site: TEST_SITE });

test('the Monday runs of the last weeks: always as many as asked, oldest first, none in the future', () => {
  const tuesday = new Date('2026-11-24T10:00:00Z');
  expect(weeklyRunTimes(tuesday, 3).map((d) => d.toISOString())).toEqual([
    '2026-11-09T06:00:00.000Z',
    '2026-11-16T06:00:00.000Z',
    '2026-11-23T06:00:00.000Z',
  ]);
  // Before this Monday's 06:00 run the latest is last Monday's; at 06:00 it is today's.
  expect(weeklyRunTimes(new Date('2026-11-23T05:59:59Z'), 2).map((d) => d.toISOString())).toEqual([
    '2026-11-09T06:00:00.000Z',
    '2026-11-16T06:00:00.000Z',
  ]);
  expect(weeklyRunTimes(new Date('2026-11-23T06:00:00Z'), 2).map((d) => d.toISOString())).toEqual([
    '2026-11-16T06:00:00.000Z',
    '2026-11-23T06:00:00.000Z',
  ]);
  // Sunday night is still the week that began on Monday.
  expect(weeklyRunTimes(new Date('2026-11-29T23:59:00Z'), 1).map((d) => d.toISOString())).toEqual([
    '2026-11-23T06:00:00.000Z',
  ]);
});

test('eight weeks of telemetry and sampler runs, and a stored weekly report for each past week', async () => {
  const [span] = await db.sql.query<{ days: number; metrics: number; sources: number }>(
    `select extract(day from max(recorded_at) - min(recorded_at))::int as days, count(distinct metric)::int as metrics, count(distinct source)::int as sources
     from telemetry_event where site_id = $1`,
    [TEST_SITE],
  );
  expect(span!.days).toBeGreaterThanOrEqual(55);
  expect(span).toMatchObject({ metrics: 2, sources: 2 });
  const reports = await db.sql.query<{ week_of: string; status: string }>(
    `select week_of::text, status from weekly_report where site_id = $1 order by week_of`,
    [TEST_SITE],
  );
  // Eight reports on a Monday before 06:00 too: the latest is last Monday's run, of the week before it.
  const weekBefore = (at: Date) => new Date(at.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  expect(reports.map((r) => r.week_of)).toEqual(weeklyRunTimes(MONDAY_EARLY, 8).map(weekBefore));
  expect(reports.at(-1)!.week_of).toBe('2026-11-23');
  expect(reports.every((r) => r.status !== 'FAIL')).toBe(true);
  const [runs] = await db.sql.query<{ sampler: number; weekly: number }>(
    `select count(*) filter (where job = 'telemetry_sampler')::int as sampler, count(*) filter (where job = 'weekly_report')::int as weekly
     from scheduled_run where site_id = $1`,
    [TEST_SITE],
  );
  expect(runs!.sampler).toBeGreaterThanOrEqual(8 * 7 * 24 - 1);
  expect(runs!.weekly).toBe(reports.length);
});

test('one event in each state the sync panel explains', async () => {
  const ids = new Map(
    (
      await db.sql.query<{ id: string; name: string }>('select id, name from event where site_id = $1', [TEST_SITE])
    ).map((row) => [row.name, row.id]),
  );
  const leafOf = async (name: string) => {
    expect(DEMO_EVENTS.some((e) => e.name === name)).toBe(true);
    const view = await services().sync.status({ eventId: ids.get(name)! }, { accountId: DEMO_ACCOUNTS.primaryAdmin });
    return { leaf: locateInTree(treeFactsOf(view)).leaf.id, view };
  };
  expect((await leafOf('Spring Jam 2026')).leaf).toBe('retry-once');
  expect((await leafOf('Data Week 2026')).leaf).toBe('escalate');
  const escalated = await leafOf('Design Sprint 2026');
  expect(escalated.leaf).toBe('retry-after-escalation');
  expect(escalated.view.state?.escalation).toMatchObject({ accountId: DEMO_ACCOUNTS.primaryAdmin, usedAt: null });
  const early = await leafOf('Hack Night 2026');
  expect(early).toMatchObject({ leaf: 'done', view: { lifecycle: 'completed' } });
  const audit = await services().sync.auditLog({ accountId: DEMO_ACCOUNTS.primaryAdmin }, early.view.eventId);
  expect(audit.map((entry) => entry.action)).toEqual(['sync_complete', 'sync_ended_early']);
  expect((await leafOf('Winter Hack 2025')).leaf).toBe('done');
  expect((await leafOf('Registration Open')).leaf).toBe('not-ready');
  expect((await leafOf('Voting Week')).leaf).toBe('end-early');
  expect((await leafOf('Summer Hack 2026')).leaf).toBe('run-sync');
});

test('the first report a person generates is honest: not FAIL, and compared with an earlier week', async () => {
  await services().operators.add('report-reader', 'test');
  const report = await services().verification.generateReport('report-reader');
  expect(report.status).not.toBe('FAIL');
  expect(report.budgets.every((b) => b.ok === true)).toBe(true);
  expect(report.coverage.every((c) => c.seen)).toBe(true);
  expect(report.previous).not.toBeNull();
  expect(report.previous!.weekOf < report.weekOf).toBe(true);
  expect(report).toMatchObject({ weekOf: '2026-11-30', previous: { weekOf: '2026-11-23' } });
  // The README's promise: a report with a last week, and eight weeks of past behind it (nine with this one).
  const history = await services().verification.history({ accountId: 'report-reader' });
  expect(history.reports.map((r) => r.weekOf)).toHaveLength(9);
});

test('each seeded report carries its own times and its own week: checked when generated, the sampler runs of its 7 days, a verdict that agrees with its sections', async () => {
  const history = await services().verification.history({ accountId: DEMO_ACCOUNTS.operator });
  const seeded = history.reports.filter((r) => r.generatedBy === 'scheduled');
  expect(seeded.length).toBe(8);
  const rank = { PASS: 0, CONDITIONAL: 1, FAIL: 2 };
  for (const { id } of seeded) {
    const report = await services().verification.report(id);
    expect(report.integrity.dryRun.checkedAt).toBe(report.generatedAt);
    // An hourly job over 7 days: 168 runs, never the runs of the weeks after it.
    expect(report.sampler.runs).toBe(168);
    const judging = report.runLog.filter((entry) => !entry.advisory).map((entry) => rank[entry.status]);
    expect(rank[report.status]).toBe(Math.max(...judging));
    if (report.severity === 'SEV-2') expect(report.hypercare?.exit.met).toBe(false);
    expect(report.runLog.map((entry) => entry.detail).join(' ')).not.toMatch(/\(s\)/);
  }
});
