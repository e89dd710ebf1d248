import { makeEvent, snapshotDomain } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { TEST_SITE } from '../helpers/test-sites';

const lines: string[] = [];
const suite = useServicesOnTestDatabase((line) => lines.push(line));
beforeEach(() => {
  lines.length = 0;
});

test('pages through events sorted by name, one round trip per page, no writes', async () => {
  for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo'])
    await makeEvent(suite.db.sql, { name, parentPageId: '77' });
  await makeEvent(suite.db.sql, { name: 'other parent', parentPageId: '78' });
  const before = await snapshotDomain(suite.db.sql);
  const trips = suite.db.rpc.roundTrips;
  const first = await suite.services.registry.list({ parentPageId: '77', limit: 2 });
  const second = await suite.services.registry.list({ parentPageId: '77', limit: 2, cursor: first.nextCursor! });
  const third = await suite.services.registry.list({ parentPageId: '77', limit: 2, cursor: second.nextCursor! });
  expect([...first.events, ...second.events, ...third.events].map((e) => e.name)).toEqual([
    'Alpha',
    'Bravo',
    'charlie',
    'delta',
    'echo',
  ]);
  expect(third.nextCursor).toBeNull();
  expect(suite.db.rpc.roundTrips - trips).toBe(3);
  expect(await snapshotDomain(suite.db.sql)).toEqual(before);
});

test('archived is derived from completion over 90 days ago; no page means not navigable', async () => {
  const day = 86_400_000;
  await makeEvent(suite.db.sql, {
    name: 'old',
    lifecycle: 'completed',
    completedAt: new Date(Date.now() - 91 * day),
    parentPageId: '5',
  });
  await makeEvent(suite.db.sql, {
    name: 'recent',
    lifecycle: 'completed',
    completedAt: new Date(Date.now() - 89 * day),
    parentPageId: '5',
  });
  await makeEvent(suite.db.sql, { name: 'pageless', pageId: null, parentPageId: '5' });
  const page = await suite.services.registry.list({ parentPageId: '5', limit: 100 });
  expect(page.events.map((e) => [e.name, e.archived, e.isNavigable])).toEqual([
    ['old', true, true],
    ['pageless', false, false],
    ['recent', false, true],
  ]);
});

test('a forged cursor is a validation error, refused before anything is recorded or sent', async () => {
  const trips = suite.db.rpc.roundTrips;
  await expect(
    suite.services.registry.list({ parentPageId: '5', limit: 10, cursor: "' or 1=1 --" }),
  ).rejects.toMatchObject({ code: 'validation' });
  expect(suite.db.rpc.roundTrips).toBe(trips);
  expect(lines).toEqual([]);
  expect(suite.outbox.sizeOf(TEST_SITE)).toBe(0);
});

test('search by name is a case-insensitive substring, pages with the same cursor, and treats % and _ literally', async () => {
  for (const name of ['HDC Auto 1', 'hdc auto 2', 'Other', 'HDC Auto 3', '100% Hack_day']) {
    await makeEvent(suite.db.sql, { name, parentPageId: '66' });
  }
  const first = await suite.services.registry.list({ parentPageId: '66', limit: 2, nameContains: 'AUTO' });
  const second = await suite.services.registry.list({
    parentPageId: '66',
    limit: 2,
    nameContains: 'AUTO',
    cursor: first.nextCursor!,
  });
  expect([...first.events, ...second.events].map((e) => e.name)).toEqual(['HDC Auto 1', 'hdc auto 2', 'HDC Auto 3']);
  expect(second.nextCursor).toBeNull();
  expect(
    (await suite.services.registry.list({ parentPageId: '66', limit: 10, nameContains: '%' })).events.map(
      (e) => e.name,
    ),
  ).toEqual(['100% Hack_day']);
  expect(
    (await suite.services.registry.list({ parentPageId: '66', limit: 10, nameContains: '_' })).events,
  ).toHaveLength(1);
});
