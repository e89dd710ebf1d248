import { NO_DEADLINE } from '../../src/shared/deadline';
import { createSiteRpc } from '../../src/store/site-rpc';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { z } from 'zod';
import { makeEvent } from '../helpers/builders';
import { openTestDatabase, type TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
});
afterAll(() => db.close());
beforeEach(() => db.reset());

const queued = (id: string) => ({
  id,
  metric: 'registry_lookup',
  source: 'organic',
  outcome: 'success',
  durationMs: 12,
  recordedAt: new Date().toISOString(),
  attributes: {},
});

const telemetryRows = () =>
  db.sql.query<{ id: string; metric: string; outcome: string; attributes: Record<string, unknown> }>(
    `select id, metric, outcome, attributes from telemetry_event order by recorded_at, id`,
  );

test('no business SQL function takes telemetry: only hdc_call carries it, and the two recorders it calls', async () => {
  const rows = await db.sql.query<{ name: string }>(
    `select p.proname as name from pg_proc p
     where p.pronamespace = current_schema()::regnamespace and p.proname like 'hdc\\_%'
       and exists (select 1 from unnest(p.proargnames) as a where a like 'p\\_telemetry%' or a in ('p_call', 'p_source'))
     order by 1`,
  );
  expect(rows.map((row) => row.name)).toEqual(['hdc_call', 'hdc_record_call_telemetry', 'hdc_record_telemetry']);
});

test('one round trip records the queued telemetry, runs the function and writes the measured call’s row', async () => {
  await makeEvent(db.sql, { name: 'Listed', parentPageId: '12' });
  const outbox = new TelemetryOutbox();
  outbox.enqueue(TEST_SITE, queued('00000000-0000-4000-8000-00000000000a') as never);
  const rpc = createSiteRpc(db.rpc, outbox, { site: TEST_SITE, deadline: NO_DEADLINE });
  const before = db.rpc.roundTrips;
  const reply = await rpc.call(
    'hdc_registry_list',
    { p_parent_page_id: '12', p_after_key: null, p_after_id: undefined, p_limit: 5, p_now: new Date() },
    z.object({ events: z.array(z.object({ name: z.string() })) }),
    'read',
    {
      measured: {
        call: { id: '00000000-0000-4000-8000-00000000000b', metric: 'registry_lookup', source: 'organic' },
        attributes: { parentPageId: '12' },
      },
    },
  );
  expect(db.rpc.roundTrips - before).toBe(1);
  expect(reply.events.map((event) => event.name)).toEqual(['Listed']);
  expect(outbox.sizeOf(TEST_SITE)).toBe(0);
  expect(await telemetryRows()).toEqual([
    expect.objectContaining({ id: '00000000-0000-4000-8000-00000000000a', outcome: 'success' }),
    {
      id: '00000000-0000-4000-8000-00000000000b',
      metric: 'registry_lookup',
      outcome: 'success',
      attributes: { parentPageId: '12', rowCount: 1 },
    },
  ]);
});

test('a refusal returned as a value keeps the measured row; a raised error keeps nothing and the queue stays', async () => {
  const outbox = new TelemetryOutbox();
  const rpc = createSiteRpc(db.rpc, outbox, { site: TEST_SITE, deadline: NO_DEADLINE });
  const measured = {
    call: {
      id: '00000000-0000-4000-8000-00000000000c',
      metric: 'registry_lookup' as const,
      source: 'organic' as const,
    },
  };
  const args = { p_parent_page_id: '12', p_after_key: null, p_after_id: null, p_now: new Date() };
  await expect(
    rpc.call('hdc_registry_list', { ...args, p_limit: 0 }, z.unknown(), 'read', { measured }),
  ).rejects.toMatchObject({ code: 'validation' });
  expect(await telemetryRows()).toEqual([
    expect.objectContaining({ id: '00000000-0000-4000-8000-00000000000c', outcome: 'rejected' }),
  ]);

  outbox.enqueue(TEST_SITE, queued('00000000-0000-4000-8000-00000000000d') as never);
  // An argument this version does not know: the schema and the app disagree (the database names it).
  const unknown = await rpc
    .call('hdc_sync_status', { p_page_id: 'x', p_not_an_argument: 1 }, z.unknown())
    .catch((e: unknown) => e);
  expect(unknown).toMatchObject({
    code: 'unavailable',
    message: 'The database schema is not ready for this version of HDC Ops.',
  });
  expect(String((unknown as { cause?: unknown }).cause)).toMatch(/takes no argument p_not_an_argument/);
  expect(await telemetryRows()).toHaveLength(1);
  expect(outbox.sizeOf(TEST_SITE)).toBe(1);
});

test('hdc_call runs only an HDC function that takes p_site, and says so', async () => {
  const call = (fn: string) =>
    db.sql.query(`select hdc_call($1::hdc_site, $2, '{}'::jsonb)`, [TEST_SITE, fn]).catch((error: unknown) => error);
  expect(await call('pg_sleep')).toMatchObject({ message: 'No HDC function pg_sleep to call' });
  expect(await call('hdc_call')).toMatchObject({ message: 'No HDC function hdc_call to call' });
  expect(await call('hdc_site_tables')).toMatchObject({
    message: 'HDC function hdc_site_tables is not called through hdc_call',
  });
});
