import type { AppServices } from '../../src/app/create-app';
import { createApp } from '../../src/app/create-app';
import { createPostgrestRpcClient } from '../../src/store/postgrest-rpc-client';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { fakePostgrest } from '../helpers/postgrest-over-pglite';
import type { FakePostgrest } from '../helpers/postgrest-over-pglite';
import { openTestDatabase, TEST_SETTINGS } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

let db: TestDatabase;
let postgrest: FakePostgrest;
let services: AppServices;
const SECRET = 'service-role-key-for-tests';

beforeAll(async () => {
  db = await openTestDatabase();
  postgrest = fakePostgrest(db.sql);
  const rpc = createPostgrestRpcClient('http://supabase.test', SECRET, {
    fetch: postgrest.fetch,
    sleep: async () => undefined,
  });
  services = createApp({ rpc, settings: TEST_SETTINGS, log: () => undefined }).servicesFor({ site: TEST_SITE });
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  postgrest.requests.length = 0;
  postgrest.failNext.length = 0;
});

test('Complete + Sync through postgrest-js rpc, with the service-role key as apikey and the site in every call', async () => {
  const eventId = await makeEvent(db.sql);
  await makeAdmin(db.sql, eventId, 'admin-1');
  await makeHack(db.sql, eventId);
  const result = await services.sync.completeAndSync({ accountId: 'admin-1' }, eventId);
  expect(result.state).toMatchObject({ status: 'complete', pushedCount: 1 });
  expect(postgrest.requests).toEqual([
    {
      endpoint: 'hdc_call',
      fn: 'hdc_run_sync',
      apikey: SECRET,
      body: {
        p_site: TEST_SITE,
        p_fn: 'hdc_run_sync',
        p_args: expect.objectContaining({ p_action: 'complete', p_event_id: eventId, p_actor: 'admin-1' }),
        p_telemetry: [],
        p_call: expect.objectContaining({ metric: 'sync_execution', source: 'organic' }),
      },
    },
  ]);
});

test('typed SQL errors arrive as their AppError code, whether raised or returned as a value', async () => {
  const eventId = await makeEvent(db.sql);
  await expect(services.sync.completeAndSync({ accountId: 'nobody' }, eventId)).rejects.toMatchObject({
    code: 'forbidden',
  });
  await expect(services.sync.auditLog({ accountId: 'nobody' }, eventId)).rejects.toMatchObject({ code: 'forbidden' });
});

test('a 503 is retried and then succeeds', async () => {
  await makeEvent(db.sql, { name: 'Listed', parentPageId: '12' });
  postgrest.failNext.push(503);
  const page = await services.registry.list({ parentPageId: '12', limit: 10 });
  expect(page.events.map((e) => e.name)).toEqual(['Listed']);
  expect(postgrest.requests).toHaveLength(2);
});

test('429 on every attempt is a transient, retryable error that changed nothing, and never shows the key', async () => {
  const eventId = await makeEvent(db.sql);
  await makeAdmin(db.sql, eventId, 'admin-1');
  await makeHack(db.sql, eventId);
  postgrest.failNext.push(429, 429, 429);
  const error = await services.sync.completeAndSync({ accountId: 'admin-1' }, eventId).catch((e: unknown) => e);
  expect(error).toMatchObject({
    code: 'transient',
    retryable: true,
    message: expect.stringContaining('nothing was changed'),
  });
  expect(JSON.stringify(error)).not.toContain(SECRET);
  expect(await db.sql.query('select count(*)::int as n from library_hack')).toEqual([{ n: 0 }]);
});

test('a write without an idempotency key is not sent again after an ambiguous failure, and says the change is unknown', async () => {
  postgrest.failNext.push(502);
  const error = await services.operators.add('new-operator', 'cli:test').catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'transient', message: expect.stringContaining('may or may not have been made') });
  expect(postgrest.requests.map((r) => r.fn)).toEqual(['hdc_operator_add']);
});
