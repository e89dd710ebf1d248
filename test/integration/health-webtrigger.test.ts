import { createApp } from '../../src/app/create-app';
import { HealthReportSchema } from '../../src/contract/operations';
import { buildHealthWebtrigger } from '../../src/forge/health-webtrigger';
import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { databaseOutage } from '../helpers/database-outage';
import { TEST_SETTINGS } from '../helpers/test-database';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { TEST_SITE } from '../helpers/test-sites';

const suite = useServicesOnTestDatabase();
const trigger = () => buildHealthWebtrigger({ app: async () => suite.app, secret: () => 's3cret' });
const context = { installContext: TEST_SITE };
const withSecret = { headers: { 'x-hdc-webtrigger-secret': ['s3cret'] } };
const body = (reply: { body: string }) => HealthReportSchema.parse(JSON.parse(reply.body));

test.each(['x-hdc-webtrigger-secret', 'X-HDC-Webtrigger-Secret', 'X-Hdc-Webtrigger-Secret'])(
  'the secret header is read whatever its case (%s)',
  async (name) => {
    const reply = await trigger()({ headers: { [name]: ['s3cret'] } }, context);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['Content-Type']).toEqual(['application/health+json']);
  },
);

test('readiness on a fresh database: the database passes, the dead-man switch and the backup freshness warn (200, not 503)', async () => {
  const reply = await trigger()(withSecret, context);
  expect(reply.statusCode).toBe(200);
  const health = body(reply);
  expect(health.status).toBe('warn');
  expect(health.checks['database:responseTime']?.[0]).toMatchObject({
    status: 'pass',
    observedUnit: 'ms',
    essential: true,
  });
  expect(health.checks['database:schemaVersion']?.[0]).toMatchObject({
    status: 'pass',
    observedValue: EXPECTED_SCHEMA_VERSION,
  });
  expect(health.checks['sampler:freshness']?.[0]).toMatchObject({
    status: 'warn',
    observedValue: null,
    essential: false,
  });
  expect(health.checks['backup:freshness']?.[0]).toMatchObject({ status: 'warn', observedValue: null });
  expect(health.output).toMatch(/No scheduled sampler run/);
});

test('a recent sampler run and a recent verified backup make readiness pass; an old one warns again', async () => {
  await suite.services.sampleTelemetry();
  await suite.db.sql.query(
    `insert into ops_backup (id, site_id, kind, snapshot_at, schema_version, file_name, bytes, total_rows, payload_sha256, includes_telemetry, verified_at, created_by)
     values (gen_random_uuid(), $1, 'manual', now() - interval '2 hours', 4, 'b.gz', 10, 1, repeat('a', 64), true, now(), 'test')`,
    [TEST_SITE],
  );
  expect(body(await trigger()(withSecret, context))).toMatchObject({ status: 'pass' });
  await suite.db.sql.query(`update ops_backup set snapshot_at = now() - interval '30 hours'`);
  await suite.db.sql.query(`update scheduled_run set finished_at = now() - interval '3 hours'`);
  const stale = body(await trigger()(withSecret, context));
  expect(stale.status).toBe('warn');
  expect(stale.checks['backup:freshness']?.[0]).toMatchObject({ status: 'warn', observedValue: 30 });
  expect(stale.checks['sampler:freshness']?.[0]?.output).toMatch(/180 min ago \(limit 120\)/);
});

test('a schema behind the code fails readiness (503), naming the command', async () => {
  await suite.db.sql.query('delete from hdc_schema_migration where version = $1', [EXPECTED_SCHEMA_VERSION]);
  try {
    const reply = await trigger()(withSecret, context);
    expect(reply.statusCode).toBe(503);
    expect(body(reply).checks['database:schemaVersion']?.[0]).toMatchObject({
      status: 'fail',
      output: expect.stringMatching(/1 migration pending: an operator applies the migrations/),
    });
  } finally {
    const { readMigrationFiles } = await import('../../src/store/migration-files');
    const file = readMigrationFiles().find((f) => f.version === EXPECTED_SCHEMA_VERSION)!;
    await suite.db.sql.query('insert into hdc_schema_migration (version, name, checksum) values ($1, $2, $3)', [
      file.version,
      file.name,
      file.checksum,
    ]);
  }
});

test('liveness answers without touching the database, even while it is down', async () => {
  const outage = databaseOutage(suite.db.rpc);
  const app = createApp({ rpc: outage.rpc, settings: TEST_SETTINGS, log: () => undefined });
  outage.down();
  const live = await buildHealthWebtrigger({ app: async () => app, secret: () => 's3cret' })(
    { ...withSecret, queryParameters: { probe: ['liveness'] } },
    context,
  );
  expect(live.statusCode).toBe(200);
  expect(body(live)).toMatchObject({
    status: 'pass',
    checks: { 'process:uptime': [{ status: 'pass', observedUnit: 's' }] },
  });
});

test('chaos: the database goes down (503, unavailable, within the deadline) and comes back without a restart', async () => {
  const outage = databaseOutage(suite.db.rpc);
  const app = createApp({ rpc: outage.rpc, settings: TEST_SETTINGS, log: () => undefined });
  const probe = buildHealthWebtrigger({ app: async () => app, secret: () => 's3cret' });
  outage.down();
  // The database check says unavailable (not cut short by the probe's deadline): it answered in time.
  const down = await probe(withSecret, context);
  expect(down.statusCode).toBe(503);
  expect(body(down)).toMatchObject({
    status: 'fail',
    checks: { 'database:responseTime': [{ status: 'fail', output: expect.stringContaining('unavailable') }] },
  });
  outage.up();
  const back = await probe(withSecret, context);
  expect(back.statusCode).toBe(200);
  expect(body(back).checks['database:responseTime']?.[0]?.status).toBe('pass');
});

test('a wrong or missing secret is 401 with what to send', async () => {
  expect(await trigger()({ headers: { 'x-hdc-webtrigger-secret': ['wrong'] } }, context)).toMatchObject({
    statusCode: 401,
  });
  expect(await trigger()({}, context)).toMatchObject({
    statusCode: 401,
    body: expect.stringContaining('x-hdc-webtrigger-secret'),
  });
  expect(await trigger()({ queryParameters: { probe: ['liveness'] } }, context)).toMatchObject({ statusCode: 401 });
});

test('without an installation context readiness fails (503), and says why', async () => {
  const reply = await trigger()(withSecret, {});
  expect(reply).toMatchObject({ statusCode: 503 });
  expect(body(reply)).toMatchObject({
    status: 'fail',
    checks: { 'app:configuration': [{ status: 'fail', observedValue: 'forbidden' }] },
  });
});
