import { randomUUID } from 'node:crypto';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/create-app';
import type { Envelope } from '../../src/contract/envelope';
import type { SyncResult } from '../../src/contract/results';
import type { WeeklyReport } from '../../src/contract/weekly-report';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { createPostgrestRpcClient } from '../../src/store/postgrest-rpc-client';
import { makeAdmin, makeEvent, makeHack, makeSyncableEvent } from '../helpers/builders';
import { fakePostgrest } from '../helpers/postgrest-over-pglite';
import type { FakePostgrest } from '../helpers/postgrest-over-pglite';
import { openTestDatabase, TEST_SETTINGS } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// The resolvers as Forge runs them, over Supabase's HTTP API (a PostgREST double serving the real
// SQL functions from PGlite), with a short deadline so that "Forge would have killed it" is seconds,
// not 25. Every reply must come by the deadline, typed, and say what may or may not have happened.
const DEADLINE_MS = 1_500;
const ADMIN = 'deadline-admin';
const OPERATOR = 'deadline-operator';

let db: TestDatabase;
let postgrest: FakePostgrest;
let app: App;
let invokeAs: (key: string, payload: unknown, accountId?: string) => Promise<Envelope<unknown>>;
const waits: number[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  postgrest = fakePostgrest(db.sql);
  // Real sleeps and timers, as in Forge; each wait is recorded, so a test asserts the waits and not the wall clock.
  app = createApp({
    rpc: createPostgrestRpcClient('http://supabase.test', 'service-role-key', {
      fetch: postgrest.fetch,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    }),
    settings: TEST_SETTINGS,
    log: () => undefined,
  });
  const handler = buildResolverDefinitions({
    app: async () => app,
    logError: () => undefined,
    deadlineMs: DEADLINE_MS,
  });
  invokeAs = async (key, payload, accountId = ADMIN) =>
    (await handler({ call: { functionKey: key, payload }, context: {} }, {
      principal: { accountId },
      installContext: TEST_SITE,
    } as never)) as Envelope<unknown>;
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  postgrest.requests.length = 0;
  postgrest.failNext.length = 0;
  postgrest.failNextOf = {};
  waits.length = 0;
});

const count = async (query: string, params: unknown[] = []) => (await db.sql.query<{ n: number }>(query, params))[0]!.n;

describe('a database that hangs', () => {
  test('a read answers by the deadline with a typed transient error that says nothing was changed', async () => {
    await makeEvent(db.sql, { parentPageId: '77' });
    postgrest.failNext.push('hang');
    // The database never answers: only the deadline can end the call, so this reply is the deadline's.
    const reply = await invokeAs('registry.list', { parentPageId: '77' });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'transient',
        retryable: true,
        message: 'The database did not answer in time; nothing was changed.',
      },
    });
  });

  test('a write answers by the deadline saying the change may or may not have been made, and that repeating it is safe', async () => {
    const eventId = await makeSyncableEvent(db.sql, ADMIN, 2);
    postgrest.failNext.push('hang');
    const key = randomUUID();
    const reply = await invokeAs('sync.complete', { eventId, idempotencyKey: key });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'transient',
        message: expect.stringContaining('may or may not have been made'),
        guidance: expect.stringContaining('repeating this request is safe'),
      },
    });
    expect(postgrest.failNext).toEqual([]);
    // It never reached the database; the same request again does the work once.
    expect(await invokeAs('sync.complete', { eventId, idempotencyKey: key })).toMatchObject({
      ok: true,
      data: { state: { status: 'complete' } },
    });
    expect(await count('select count(*)::int as n from event_audit_log')).toBe(1);
  });

  test('whatever the services do, the resolver answers at its deadline', async () => {
    const stuck = buildResolverDefinitions({
      app: () => new Promise<App>(() => undefined),
      logError: () => undefined,
      deadlineMs: 300,
    });
    const reply = (await stuck(
      { call: { functionKey: 'sync.retry', payload: { eventId: randomUUID() } }, context: {} },
      {
        principal: { accountId: ADMIN },
        installContext: TEST_SITE,
      } as never,
    )) as Envelope<unknown>;
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'transient',
        message: 'HDC Ops could not finish in time: the change may or may not have been made.',
      },
    });
  });
});

describe('a database that answers 503 with Retry-After', () => {
  test('a wait longer than the time left is not waited for: the reply comes at once, typed', async () => {
    await makeEvent(db.sql, { parentPageId: '78' });
    postgrest.failNext.push({ status: 503, retryAfter: '5' });
    const reply = await invokeAs('registry.list', { parentPageId: '78' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'transient', message: expect.stringContaining('did not answer in time') },
    });
    expect(postgrest.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('a wait that fits (fractional seconds) is honoured, and the retry succeeds', async () => {
    await makeEvent(db.sql, { name: 'Listed', parentPageId: '79' });
    postgrest.failNext.push({ status: 503, retryAfter: '0.3' });
    const reply = await invokeAs('registry.list', { parentPageId: '79' });
    expect(reply).toMatchObject({ ok: true, data: { events: [{ name: 'Listed' }] } });
    expect(postgrest.requests).toHaveLength(2);
    expect(waits).toEqual([300]);
  });
});

describe('a database that commits and then drops the reply', () => {
  test('the transport sends the write again with its key and returns the first attempt’s result, done once', async () => {
    const eventId = await makeSyncableEvent(db.sql, ADMIN, 3);
    postgrest.failNext.push('drop-after-commit');
    const reply = (await invokeAs('sync.complete', { eventId, idempotencyKey: randomUUID() })) as Envelope<SyncResult>;
    expect(reply).toMatchObject({
      ok: true,
      data: { attempt: { action: 'complete', pushed: 3 }, state: { status: 'complete', attemptCount: 1 } },
    });
    expect(postgrest.requests.map((r) => r.fn)).toEqual(['hdc_run_sync', 'hdc_run_sync']);
    expect(await count('select count(*)::int as n from library_hack')).toBe(3);
    expect(await count('select count(*)::int as n from event_audit_log')).toBe(1);
    expect(await count(`select count(*)::int as n from telemetry_event where metric = 'sync_execution'`)).toBe(1);
  });

  test('when every attempt is lost, the person’s retry with the same key gets the first result, not a misleading refusal', async () => {
    const eventId = await makeSyncableEvent(db.sql, ADMIN, 2);
    const key = randomUUID();
    postgrest.failNext.push('drop-after-commit', 'hang');
    expect(await invokeAs('sync.complete', { eventId, idempotencyKey: key })).toMatchObject({
      ok: false,
      error: { code: 'transient', message: expect.stringContaining('may or may not have been made') },
    });
    expect(postgrest.failNext).toEqual([]);
    // It did commit. The same click again: its result, not "the event is completed and read-only".
    expect(await invokeAs('sync.complete', { eventId, idempotencyKey: key })).toMatchObject({
      ok: true,
      data: { state: { status: 'complete' } },
    });
    // A new click (a new key) is a new request, and the event is read-only now.
    expect(await invokeAs('sync.complete', { eventId, idempotencyKey: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'read_only' },
    });
    expect(await count('select count(*)::int as n from event_audit_log')).toBe(1);
  });

  test('report.generate and sync.escalate are done once per key, and a key is not reused across actions', async () => {
    const eventId = await makeSyncableEvent(db.sql, ADMIN, 1, 1);
    await app.servicesFor({ site: TEST_SITE }).operators.add(OPERATOR, 'test');
    const reportKey = randomUUID();
    postgrest.failNextOf = { hdc_store_weekly_report: ['drop-after-commit'] };
    // The report is stored, the reply lost; the store is sent again with its key, and later the same click again.
    const first = (await invokeAs(
      'report.generate',
      { idempotencyKey: reportKey },
      OPERATOR,
    )) as Envelope<WeeklyReport>;
    const again = (await invokeAs(
      'report.generate',
      { idempotencyKey: reportKey },
      OPERATOR,
    )) as Envelope<WeeklyReport>;
    expect(first.ok && again.ok && first.data.id === again.data.id).toBe(true);
    expect(postgrest.requests.filter((r) => r.fn === 'hdc_store_weekly_report')).toHaveLength(3);
    expect(await count('select count(*)::int as n from weekly_report')).toBe(1);

    await invokeAs('sync.complete', { eventId });
    await invokeAs('sync.retry', { eventId });
    const escalationKey = randomUUID();
    const note = 'Titles fixed by the team; owners confirmed with HR today.';
    expect(await invokeAs('sync.escalate', { eventId, note, idempotencyKey: escalationKey })).toMatchObject({
      ok: true,
    });
    expect(await invokeAs('sync.escalate', { eventId, note, idempotencyKey: escalationKey })).toMatchObject({
      ok: true,
      data: { state: { escalation: { note } } },
    });
    expect(await count(`select count(*)::int as n from event_audit_log where action = 'sync_escalated'`)).toBe(1);
    expect(await invokeAs('sync.retry', { eventId, idempotencyKey: escalationKey })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: 'This idempotency key was already used for another request' },
    });
  });
});

test('an idempotency key that is not a UUID is a validation error naming the field', async () => {
  const eventId = await makeEvent(db.sql);
  await makeAdmin(db.sql, eventId, ADMIN);
  await makeHack(db.sql, eventId);
  expect(await invokeAs('sync.complete', { eventId, idempotencyKey: 'click-1' })).toMatchObject({
    ok: false,
    error: { code: 'validation', message: expect.stringContaining('idempotencyKey must be a UUID') },
  });
  expect(postgrest.requests).toEqual([]);
});
