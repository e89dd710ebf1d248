import { randomUUID } from 'node:crypto';
import type { Envelope } from '../../src/contract/envelope';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { makeEvent, makeSyncableEvent } from '../helpers/builders';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// A Forge container may serve one call and be recycled: nothing may wait in memory for a later
// call. Each call here runs through a brand-new app (as a fresh container would), which is then
// dropped without any flush.
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());
beforeEach(() => db.reset());

const ADMIN = 'durable-admin';

/** One call through a fresh app and its resolver definitions; its log lines are returned, the app dropped. */
async function inFreshContainer(
  key: string,
  payload: unknown,
  accountId = ADMIN,
): Promise<{ reply: Envelope<unknown>; lines: string[] }> {
  const lines: string[] = [];
  const app = db.app({ log: (line) => lines.push(line) });
  const handler = buildResolverDefinitions({ app: async () => app, logError: () => undefined });
  const reply = (await handler({ call: { functionKey: key, payload }, context: {} }, {
    principal: { accountId },
    installContext: TEST_SITE,
  } as never)) as Envelope<unknown>;
  return { reply, lines: lines.filter((line) => line.startsWith('[hdc-telemetry]')) };
}

const telemetryRows = () =>
  db.sql.query<{ metric: string; outcome: string; duration_source: string; attributes: Record<string, unknown> }>(
    `select metric, outcome, duration_source, attributes from telemetry_event order by recorded_at, id`,
  );

test('every call that reached the database leaves its row committed when the reply leaves, refusals included', async () => {
  const parent = '4100';
  await makeEvent(db.sql, { parentPageId: parent });
  const syncable = await makeSyncableEvent(db.sql, ADMIN, 2);
  const calls: [string, unknown, string?][] = [
    ['registry.list', { parentPageId: parent }],
    ['registry.list', { parentPageId: parent, nameContains: 'nothing like it' }],
    ['sync.complete', { eventId: syncable }, 'someone-else'], // refused: forbidden
    ['sync.complete', { eventId: randomUUID() }], // refused: not found
    ['sync.complete', { eventId: syncable, idempotencyKey: randomUUID() }],
    ['sync.retry', { eventId: syncable }], // refused: read-only now
  ];
  for (const [key, payload, accountId] of calls) {
    const { lines } = await inFreshContainer(key, payload, accountId);
    expect(lines).toHaveLength(1);
  }
  const rows = await telemetryRows();
  expect(rows).toHaveLength(calls.length);
  // Refusals on purpose are 'rejected'; an event that does not exist is an error worth a look.
  expect(rows.map((row) => row.outcome)).toEqual(['success', 'success', 'rejected', 'error', 'success', 'rejected']);
  expect(rows.map((row) => row.metric)).toEqual([
    'registry_lookup',
    'registry_lookup',
    'sync_execution',
    'sync_execution',
    'sync_execution',
    'sync_execution',
  ]);
  // Written by the database alone (no later call came to refine them), with what it knew.
  expect(rows.every((row) => row.duration_source === 'database')).toBe(true);
  expect(rows.map((row) => row.attributes.sqlState ?? null)).toEqual([null, null, 'HDC02', 'HDC01', null, 'HDC03']);
  expect(rows[4]!.attributes).toMatchObject({
    action: 'complete',
    eventId: syncable,
    rowCount: 2,
    syncStatus: 'complete',
  });
});

test('a later call of the same process refines the row with the end-to-end view: duration, error code', async () => {
  const app = db.app();
  const services = app.servicesFor({ site: TEST_SITE });
  await expect(
    services.sync.completeAndSync({ accountId: 'stranger' }, await makeSyncableEvent(db.sql, ADMIN, 1)),
  ).rejects.toMatchObject({ code: 'forbidden' });
  const [byDatabase] = await telemetryRows();
  expect(byDatabase).toMatchObject({ duration_source: 'database', attributes: { sqlState: 'HDC02' } });
  await services.registry.list({ parentPageId: '1', limit: 1 });
  const [refined] = await telemetryRows();
  expect(refined).toMatchObject({
    outcome: 'rejected',
    duration_source: 'end_to_end',
    attributes: { sqlState: 'HDC02', errorCode: 'forbidden', errorCategory: 'permission', retryable: false },
  });
});

test('a call refused before the database (its payload) leaves a log line and no row', async () => {
  for (const [key, payload] of [
    ['sync.complete', { eventId: 'not-a-uuid' }],
    ['sync.retry', {}],
    ['registry.list', { parentPageId: '1', limit: 10_000 }],
  ] as const) {
    const { reply, lines } = await inFreshContainer(key, payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[hdc-telemetry\] \{"metric":"(sync_execution|registry_lookup)".*"outcome":"rejected".*"errorCode":"validation"/,
      ),
    ]);
  }
  expect(await telemetryRows()).toEqual([]);
});

test('a registry cursor that is not valid is refused before the database: a log line, no row', async () => {
  const services = db.app().servicesFor({ site: TEST_SITE });
  await expect(services.registry.list({ parentPageId: '1', limit: 5, cursor: 'garbage' })).rejects.toMatchObject({
    code: 'validation',
  });
  expect(await telemetryRows()).toEqual([]);
});
