import type { OpsSummary } from '../../src/contract/operations';
import type { Envelope } from '../../src/contract/envelope';
import type { ReportHistory, WeeklyReport } from '../../src/contract/weekly-report';
import { EXPECTED_SCHEMA_VERSION, HDC_OPS_VERSION } from '../../src/shared/release';
import { runMigrations } from '../../src/store/migration-runner';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

// Error budgets from the rollups (99 % over 28 days by default), in the weekly report and in
// Operations now; and the releases each migrate records, as the trend charts' markers.
const resolvers = useResolversOnTestDatabase();
const OPERATOR = 'op-1';

const ok = <T>(reply: Envelope<T>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data;
};

/** `calls` registry lookups `daysAgo` days ago, `errors` of them failing. */
async function lookups(daysAgo: number, calls: number, errors: number): Promise<void> {
  await resolvers.db.sql.query(
    `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at)
     select gen_random_uuid(), $1, 'registry_lookup', 'organic', case when i <= $4 then 'error' else 'success' end, 12, '{}',
       now() - make_interval(days => $2) + i * interval '1 second'
     from generate_series(1, $3) as i`,
    [TEST_SITE, daysAgo, calls, errors],
  );
}

beforeEach(async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
});

test('the budget left over 28 days and the week burn rate, the same in the weekly report and in Operations now', async () => {
  await lookups(20, 1000, 10); // two weeks before: 1 % failed, the whole allowance of those calls
  await lookups(3, 1000, 5); // this week: 0.5 %, a burn rate of 0.5×
  await lookups(40, 1000, 1000); // outside the 28-day window: not counted
  const report = ok(await resolvers.invoke<WeeklyReport>('report.generate', {}, OPERATOR));
  const registry = report.errorBudgets?.find((b) => b.metric === 'registry_lookup');
  expect(registry).toMatchObject({ objective: 0.99, windowDays: 28, calls: 2000, errors: 15 });
  expect(registry!.remaining).toBeCloseTo(0.25, 10);
  expect(registry!.weekBurnRate).toBeCloseTo(0.5, 10);
  expect(report.errorBudgets?.find((b) => b.metric === 'sync_execution')).toMatchObject({ remaining: null });

  const summary = ok(await resolvers.invoke<OpsSummary>('ops.summary', {}, OPERATOR));
  expect(summary.budgets.find((b) => b.metric === 'registry_lookup')).toMatchObject({
    calls: 2000,
    errors: 15,
    remaining: registry!.remaining,
    weekBurnRate: registry!.weekBurnRate,
  });
});

test('each migrate that changes the database records its release once; the report history carries the releases for the charts', async () => {
  const releases = () =>
    resolvers.db.sql.query<{ version: string; schema_version: number; source: string }>(
      'select version, schema_version, source from hdc_release order by id',
    );
  expect(await releases()).toEqual([
    { version: HDC_OPS_VERSION, schema_version: EXPECTED_SCHEMA_VERSION, source: 'migrate' },
  ]);
  await runMigrations(resolvers.db.sql);
  expect(await releases()).toHaveLength(1);

  ok(await resolvers.invoke<WeeklyReport>('report.generate', {}, OPERATOR));
  const history = ok(await resolvers.invoke<ReportHistory>('report.list', {}, 'a-reader'));
  expect(history.releases).toEqual([
    expect.objectContaining({ version: HDC_OPS_VERSION, schemaVersion: EXPECTED_SCHEMA_VERSION, source: 'migrate' }),
  ]);
});

test('a budget window outside 1–90 days is refused with what to set', async () => {
  await expect(
    resolvers.db.sql.query('select hdc_error_budget_figures($1, now(), 365)', [TEST_SITE]),
  ).rejects.toMatchObject({ code: 'HDC04', hint: expect.stringContaining('error_budgets.window_days') });
});
