import type { AppError } from '../../src/shared/app-error';
import { makeEvent, makeSyncableEvent, snapshotDomain } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

// The same migrations and SQL functions on a real PostgreSQL server through `pg` (the DATABASE_URL
// path, and what Supabase runs), with real concurrent connections. `.ci/run` starts the server
// (scripts/start-test-postgres.sh) and sets HDC_TEST_DATABASE_URL; locally the suite runs when it is set.
const serverUrl = process.env.HDC_TEST_DATABASE_URL;

if (!serverUrl && process.env.CI) {
  test('CI provides a Postgres server', () => {
    throw new Error('HDC_TEST_DATABASE_URL is not set: .ci/run must start a server (scripts/start-test-postgres.sh)');
  });
}

(serverUrl ? describe : describe.skip)('on a PostgreSQL server', () => {
  const suite = useServicesOnTestDatabase(() => undefined, serverUrl ?? '');
  const admin = { accountId: 'server-admin' };

  const eventWith = (valid: number, invalid = 0) => makeSyncableEvent(suite.db.sql, admin.accountId, valid, invalid);

  test('20 parallel Complete + Sync calls over separate connections sync exactly once', async () => {
    const eventId = await eventWith(40, 0);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => suite.services.sync.completeAndSync(admin, eventId)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(['read_only', 'conflict']).toContain((r.reason as AppError).code);
    expect(await suite.db.sql.query('select count(*)::int as n from library_hack')).toEqual([{ n: 40 }]);
    expect(await suite.db.sql.query('select count(*)::int as n from event_audit_log')).toEqual([{ n: 1 }]);
  });

  test('partial, then Retry Sync after the fix completes the event', async () => {
    const eventId = await eventWith(2, 1);
    const first = await suite.services.sync.completeAndSync(admin, eventId);
    expect(first.state).toMatchObject({ status: 'partial', pushedCount: 2, failedCount: 1 });
    await suite.db.sql.query(`update hack set title = 'Fixed' where id = $1`, [first.state!.failedItems[0]!.hackId]);
    const retried = await suite.services.sync.retrySync(admin, eventId);
    expect(retried.state).toMatchObject({ status: 'complete', pushedCount: 3, failedCount: 0 });
    expect(retried.lifecycle).toBe('completed');
  });

  test('a non-admin is forbidden and nothing changes', async () => {
    const eventId = await eventWith(2, 0);
    const before = await snapshotDomain(suite.db.sql);
    await expect(suite.services.sync.completeAndSync({ accountId: 'stranger' }, eventId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await snapshotDomain(suite.db.sql)).toEqual(before);
  });

  test('registry.list pages by name in byte order, as on PGlite', async () => {
    for (const name of ['beta', 'Alpha', 'alpha 2', 'Gamma'])
      await makeEvent(suite.db.sql, { name, parentPageId: '777' });
    const first = await suite.services.registry.list({ parentPageId: '777', limit: 2 });
    const second = await suite.services.registry.list({ parentPageId: '777', limit: 2, cursor: first.nextCursor! });
    expect([...first.events, ...second.events].map((e) => e.name)).toEqual(['Alpha', 'alpha 2', 'beta', 'Gamma']);
  });
});
