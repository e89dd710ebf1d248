import { makeAdmin, makeEvent, makeHack, snapshotDomain } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';

const resolvers = useResolversOnTestDatabase();
const invoke = resolvers.invoke.bind(resolvers);

test('sync.complete takes the viewer from the Forge principal', async () => {
  const eventId = await makeEvent(resolvers.db.sql);
  await makeAdmin(resolvers.db.sql, eventId, 'admin-1');
  await makeHack(resolvers.db.sql, eventId);
  expect(await invoke('sync.complete', { eventId }, 'someone-else')).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  expect(await invoke('sync.complete', { eventId }, 'admin-1')).toMatchObject({
    ok: true,
    data: { state: { status: 'complete' } },
  });
});

test.each([
  ['wrong type', { eventId: 42 }],
  ['missing id', {}],
  ['1 MB string', { eventId: 'x'.repeat(1_000_000) }],
  ['SQL-looking', { eventId: "'; drop table event; --" }],
  ['unknown key (identity in payload)', { eventId: '00000000-0000-4000-8000-000000000000', accountId: 'admin-1' }],
])('bad payload (%s) is a typed validation error and changes nothing', async (_label, payload) => {
  const eventId = await makeEvent(resolvers.db.sql);
  await makeAdmin(resolvers.db.sql, eventId, 'admin-1');
  const before = await snapshotDomain(resolvers.db.sql);
  const reply = (await invoke('sync.complete', payload, 'admin-1')) as {
    ok: boolean;
    error: { code: string; message: string };
  };
  expect(reply).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(reply.error.message.length).toBeLessThan(1000);
  expect(await snapshotDomain(resolvers.db.sql)).toEqual(before);
});

test('registry.list defaults to the macro page from the context', async () => {
  await makeEvent(resolvers.db.sql, { name: 'Child', parentPageId: '4242' });
  const reply = await invoke('registry.list', {}, 'reader', { extension: { content: { id: '4242' } } });
  expect(reply).toMatchObject({ ok: true, data: { parentPageId: '4242', events: [{ name: 'Child' }] } });
});

test('a call without a signed-in user is forbidden', async () => {
  expect(await invoke('registry.list', { parentPageId: '1' })).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
});
