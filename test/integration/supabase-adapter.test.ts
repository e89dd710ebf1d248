import { createAppServices } from '../../src/app/app-services';
import { createRpcStore } from '../../src/store/rpc-store';
import { createSupabaseRpcClient } from '../../src/store/supabase-rpc-client';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { fakePostgrest } from '../helpers/postgrest-over-pglite';
import type { FakePostgrest } from '../helpers/postgrest-over-pglite';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let postgrest: FakePostgrest;
let services: ReturnType<typeof createAppServices>;
const SECRET = 'service-role-key-for-tests';

beforeAll(async () => {
  db = await openTestDatabase();
  postgrest = fakePostgrest(db.sql);
  const rpc = createSupabaseRpcClient('http://supabase.test', SECRET, { fetch: postgrest.fetch, sleep: async () => undefined });
  const outbox = new TelemetryOutbox();
  services = createAppServices({ store: createRpcStore(rpc, outbox), outbox, log: () => undefined });
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  postgrest.requests.length = 0;
  postgrest.failNext.length = 0;
});

test('Complete + Sync through supabase-js rpc, with the service-role key as apikey', async () => {
  const eventId = await makeEvent(db.sql);
  await makeAdmin(db.sql, eventId, 'admin-1');
  await makeHack(db.sql, eventId);
  const result = await services.sync.completeAndSync({ accountId: 'admin-1' }, eventId);
  expect(result.state).toMatchObject({ status: 'complete', pushedCount: 1 });
  expect(postgrest.requests).toEqual([{ fn: 'hdc_complete_and_sync', apikey: SECRET }]);
});

test('typed SQL errors arrive as their AppError code', async () => {
  const eventId = await makeEvent(db.sql);
  await expect(services.sync.completeAndSync({ accountId: 'nobody' }, eventId)).rejects.toMatchObject({ code: 'forbidden' });
});

test('a 503 is retried and then succeeds', async () => {
  await makeEvent(db.sql, { name: 'Listed', parentPageId: '12' });
  postgrest.failNext.push(503);
  const page = await services.registry.list({ parentPageId: '12', limit: 10 });
  expect(page.events.map((e) => e.name)).toEqual(['Listed']);
  expect(postgrest.requests).toHaveLength(2);
});

test('429 on every attempt is a transient, retryable error that changes nothing, and never shows the key', async () => {
  const eventId = await makeEvent(db.sql);
  await makeAdmin(db.sql, eventId, 'admin-1');
  await makeHack(db.sql, eventId);
  postgrest.failNext.push(429, 429, 429);
  const error = await services.sync.completeAndSync({ accountId: 'admin-1' }, eventId).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'transient', retryable: true });
  expect(JSON.stringify(error)).not.toContain(SECRET);
  expect(await db.sql.query('select count(*)::int as n from library_hack')).toEqual([{ n: 0 }]);
});
