import { makeAdmin, makeEvent } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { TEST_SITE } from '../helpers/test-sites';

const suite = useServicesOnTestDatabase();

test('sync.status finds an event by id and by page id; an unknown page is not_found', async () => {
  const eventId = await makeEvent(suite.db.sql, { name: 'By page', pageId: '424242' });
  expect(await suite.services.sync.status({ pageId: '424242' })).toMatchObject({
    eventId,
    name: 'By page',
    state: null,
  });
  expect(await suite.services.sync.status({ eventId })).toMatchObject({ pageId: '424242' });
  await expect(suite.services.sync.status({ pageId: '1' })).rejects.toMatchObject({ code: 'not_found' });
});

test('audit.list is newest first, ties broken by id, at most 100, admins only', async () => {
  const eventId = await makeEvent(suite.db.sql);
  await makeAdmin(suite.db.sql, eventId, 'admin-1');
  await suite.db.sql.query(
    `insert into event_audit_log (site_id, event_id, actor_account_id, action, created_at)
     select $2, $1, 'admin-1', 'sync_partial', timestamptz '2026-01-01' + (g / 3) * interval '1 minute' from generate_series(1, 120) g`,
    [eventId, TEST_SITE],
  );
  const entries = await suite.services.sync.auditLog({ accountId: 'admin-1' }, eventId);
  expect(entries).toHaveLength(100);
  const keys = entries.map((e) => [Date.parse(e.createdAt), e.id] as const);
  const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  expect(keys).toEqual(sorted);
  expect(entries[0]!.id).toBe(120);
  await expect(suite.services.sync.auditLog({ accountId: 'reader' }, eventId)).rejects.toMatchObject({
    code: 'forbidden',
  });
});
