import type { AppServices } from '../../src/app/create-app';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { makeAdmin, makeEvent, makeHack, snapshotDomain } from '../helpers/builders';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';
import { withFunctionOffline } from '../helpers/function-offline';

let db: TestDatabase;
let services: AppServices;
const lines: string[] = [];
beforeAll(async () => {
  db = await openTestDatabase();
  services = db
    .app({
      log: (line) => lines.push(line),
      settings: {
        parentPageId: '700',
        thresholds: {
          ...DEFAULT_THRESHOLDS,
          sampler: { retention_days: 90, raw_retention_days: 14, prune_batch: 5, max_prune_batches: 20 },
        },
      },
    })
    .servicesFor({ site: TEST_SITE });
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  lines.length = 0;
});

async function canonicalEvent(invalidHacks = 1) {
  const eventId = await makeEvent(db.sql, { name: 'HDC Auto canonical', parentPageId: '700' });
  await makeAdmin(db.sql, eventId, 'canon-admin');
  await makeHack(db.sql, eventId);
  for (let i = 0; i < invalidHacks; i += 1) await makeHack(db.sql, eventId, { title: '' });
  return eventId;
}

test('the sync probe runs the real sync path and rolls it back: no domain row changes', async () => {
  await canonicalEvent();
  const before = await snapshotDomain(db.sql);
  const run = await services.sampleTelemetry();
  expect(run).toMatchObject({
    status: 'ok',
    probes: [
      { metric: 'registry_lookup', outcome: 'success' },
      {
        metric: 'sync_execution',
        outcome: 'success',
        detail: expect.stringContaining('would be partial (rolled back)'),
      },
    ],
  });
  expect(await snapshotDomain(db.sql)).toEqual(before);
});

test('probe telemetry is recorded apart from organic telemetry, and the run leaves a record', async () => {
  await canonicalEvent(0);
  await services.registry.list({ parentPageId: '700', limit: 10 });
  const run = await services.sampleTelemetry();
  expect(run.status).toBe('ok');
  expect(
    await db.sql.query(
      `select metric, source, attributes ->> 'action' as action from telemetry_event order by recorded_at`,
    ),
  ).toEqual([
    { metric: 'registry_lookup', source: 'organic', action: null },
    { metric: 'registry_lookup', source: 'probe', action: null },
    { metric: 'sync_execution', source: 'probe', action: 'probe' },
  ]);
  const [record] = await db.sql.query<{
    job: string;
    status: string;
    detail: { findings: unknown[]; probes: unknown[] };
  }>('select job, status, detail from scheduled_run');
  expect(record).toMatchObject({
    job: 'telemetry_sampler',
    status: 'ok',
    detail: { probes: [expect.anything(), expect.anything()] },
  });
});

test('a probe that fails is recorded as an error probe, and the run still completes', async () => {
  const run = await services.sampleTelemetry(); // no canonical event
  expect(run).toMatchObject({
    status: 'ok',
    probes: [expect.anything(), { metric: 'sync_execution', outcome: 'error', detail: 'not_found' }],
  });
  expect(
    await db.sql.query(
      `select outcome, attributes ->> 'errorCode' as code from telemetry_event where metric = 'sync_execution'`,
    ),
  ).toEqual([{ outcome: 'error', code: 'not_found' }]);
});

test('a run that fails logs why and leaves a failed record; the next run is not blocked', async () => {
  await canonicalEvent(0);
  await withFunctionOffline(db.sql, 'hdc_telemetry_window', async () => {
    expect(await services.sampleTelemetry()).toMatchObject({ status: 'failed', errorCode: 'unavailable' });
  });
  expect(lines.some((line) => line.startsWith('[hdc-sampler] run failed: unavailable'))).toBe(true);
  expect(await db.sql.query(`select status, error_code, detail ->> 'message' as message from scheduled_run`)).toEqual([
    {
      status: 'failed',
      error_code: 'unavailable',
      message: 'The database schema is not ready for this version of HDC Ops.',
    },
  ]);
  expect(await services.sampleTelemetry()).toMatchObject({ status: 'ok' });
  expect(await db.sql.query(`select status from scheduled_run order by id`)).toEqual([
    { status: 'failed' },
    { status: 'ok' },
  ]);
});

test('raw telemetry past its retention is pruned once folded, rollups past theirs, in bounded batches, all audited', async () => {
  await canonicalEvent(0);
  const insertRows = (count: number, age: string) =>
    db.sql.query(
      `insert into telemetry_event (id, site_id, metric, outcome, duration_ms, recorded_at)
       select gen_random_uuid(), $1, 'registry_lookup', 'success', 5, now() - $2::interval - g * interval '1 minute'
       from generate_series(1, $3::int) as g`,
      [TEST_SITE, age, count],
    );
  await insertRows(3, '91 days');
  await insertRows(12, '15 days');
  await insertRows(1, '13 days');
  const run = await services.sampleTelemetry();
  expect(run).toMatchObject({ status: 'ok', folded: { rows: expect.any(Number) } });
  // Raw rows: 14 days (batches of 5: 5 + 5 + 5); the 13-day-old row stays.
  expect(
    await db.sql.query(`select count(*)::int as n from telemetry_event where recorded_at < now() - interval '14 days'`),
  ).toEqual([{ n: 0 }]);
  expect(
    await db.sql.query(`select count(*)::int as n from telemetry_event where recorded_at < now() - interval '1 day'`),
  ).toEqual([{ n: 1 }]);
  expect(
    await db.sql.query(
      `select (detail ->> 'deleted')::int as deleted from ops_audit_log where action = 'telemetry_pruned' order by id`,
    ),
  ).toEqual([{ deleted: 5 }, { deleted: 5 }, { deleted: 5 }]);
  // Rollups: the 15-day-old hour keeps its 12 calls after its raw rows are gone; the 91-day-old ones are pruned.
  expect(
    await db.sql.query(
      `select coalesce(sum(calls), 0)::int as calls from telemetry_latency_hour where hour_start < now() - interval '14 days' and hour_start > now() - interval '16 days'`,
    ),
  ).toEqual([{ calls: 12 }]);
  expect(
    await db.sql.query(`select count(*)::int as n from telemetry_bin where bin_start < now() - interval '90 days'`),
  ).toEqual([{ n: 0 }]);
  expect(
    await db.sql.query(
      `select count(*)::int as n from telemetry_latency_hour where hour_start < now() - interval '90 days'`,
    ),
  ).toEqual([{ n: 0 }]);
  expect(
    await db.sql.query(`select count(*)::int as n from ops_audit_log where action = 'telemetry_rollups_pruned'`),
  ).toEqual([{ n: 1 }]);
  expect(run).toMatchObject({
    pruned:
      15 +
      (
        await db.sql.query<{ deleted: number }>(
          `select (detail ->> 'deleted')::int as deleted from ops_audit_log where action = 'telemetry_rollups_pruned'`,
        )
      )[0]!.deleted,
  });
});

test('a probe over budget twice in a row is SEV-2 on the second run', async () => {
  await canonicalEvent(0);
  const strict = db
    .app({
      settings: {
        parentPageId: '700',
        thresholds: {
          ...DEFAULT_THRESHOLDS,
          budgets: { ...DEFAULT_THRESHOLDS.budgets, registry_lookup: { metric: 'registry_lookup', p95_ms: 0.001 } },
        },
      },
    })
    .servicesFor({ site: TEST_SITE });
  const first = await strict.sampleTelemetry();
  expect(first).toMatchObject({
    status: 'ok',
    severity: 'none',
    findings: [expect.objectContaining({ rule: 'budget_breach' })],
  });
  const second = await strict.sampleTelemetry();
  expect(second).toMatchObject({
    status: 'ok',
    severity: 'SEV-2',
    findings: [expect.objectContaining({ rule: 'budget_breach_sustained' })],
  });
});
