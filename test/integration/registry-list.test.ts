import { createAppServices } from '../../src/app/app-services';
import type { AppServices } from '../../src/app/app-services';
import { makeEvent, snapshotDomain } from '../helpers/builders';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';

let db: TestDatabase;
let services: AppServices;
beforeAll(async () => {
  db = await openTestDatabase();
  services = createAppServices({ store: db.store, outbox: db.outbox, log: () => undefined });
});
afterAll(() => db.close());
beforeEach(() => db.reset());

test('pages through events sorted by name, one round trip per page, no writes', async () => {
  for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) await makeEvent(db.sql, { name, parentPageId: '77' });
  await makeEvent(db.sql, { name: 'other parent', parentPageId: '78' });
  const before = await snapshotDomain(db.sql);
  const trips = db.rpc.roundTrips;
  const first = await services.registry.list({ parentPageId: '77', limit: 2 });
  const second = await services.registry.list({ parentPageId: '77', limit: 2, cursor: first.nextCursor! });
  const third = await services.registry.list({ parentPageId: '77', limit: 2, cursor: second.nextCursor! });
  expect([...first.events, ...second.events, ...third.events].map((e) => e.name)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
  expect(third.nextCursor).toBeNull();
  expect(db.rpc.roundTrips - trips).toBe(3);
  expect(await snapshotDomain(db.sql)).toEqual(before);
});

test('archived is derived from completion over 90 days ago; no page means not navigable', async () => {
  const day = 86_400_000;
  await makeEvent(db.sql, { name: 'old', lifecycle: 'completed', completedAt: new Date(Date.now() - 91 * day), parentPageId: '5' });
  await makeEvent(db.sql, { name: 'recent', lifecycle: 'completed', completedAt: new Date(Date.now() - 89 * day), parentPageId: '5' });
  await makeEvent(db.sql, { name: 'pageless', pageId: null, parentPageId: '5' });
  const page = await services.registry.list({ parentPageId: '5', limit: 100 });
  expect(page.events.map((e) => [e.name, e.archived, e.isNavigable])).toEqual([
    ['old', true, true], ['pageless', false, false], ['recent', false, true],
  ]);
});

test('a forged cursor is a validation error', async () => {
  await expect(services.registry.list({ parentPageId: '5', limit: 10, cursor: "' or 1=1 --" })).rejects.toMatchObject({ code: 'validation' });
});
