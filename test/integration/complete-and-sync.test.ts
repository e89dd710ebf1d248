import { AppError } from '../../src/shared/app-error';
import { makeHack, makeSyncableEvent, snapshotDomain } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

const lines: string[] = [];
const suite = useServicesOnTestDatabase((line) => lines.push(line));
beforeEach(() => {
  lines.length = 0;
});

const admin = { accountId: 'admin-1' };

const eventWith = (valid: number, invalid = 0) => makeSyncableEvent(suite.db.sql, admin.accountId, valid, invalid);

test('20 parallel Complete + Sync calls sync exactly once', async () => {
  const eventId = await eventWith(5);
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () => suite.services.sync.completeAndSync(admin, eventId)),
  );
  const fulfilled = results.filter((r) => r.status === 'fulfilled');
  expect(fulfilled).toHaveLength(1);
  for (const r of results)
    if (r.status === 'rejected') expect(['read_only', 'conflict']).toContain((r.reason as AppError).code);
  expect(await suite.db.sql.query('select count(*)::int as n from library_hack')).toEqual([{ n: 5 }]);
  expect(await suite.db.sql.query('select count(*)::int as n from event_audit_log')).toEqual([{ n: 1 }]);
  expect(lines.filter((l) => l.startsWith('[hdc-telemetry]'))).toHaveLength(20);
});

test('a hack already in the library is skipped, the others are pushed, and all are marked synced', async () => {
  const eventId = await eventWith(3);
  const [inLibrary] = await suite.db.sql.query<{ id: string }>(
    'select id from hack where event_id = $1 order by id limit 1',
    [eventId],
  );
  await suite.db.sql.query(
    `insert into library_hack (source_hack_id, site_id, event_id, title, owner_account_id, synced_at)
     select id, site_id, event_id, title, owner_account_id, now() - interval '1 day' from hack where id = $1`,
    [inLibrary!.id],
  );
  const result = await suite.services.sync.completeAndSync(admin, eventId);
  expect(result.attempt).toEqual({ action: 'complete', pushed: 2, skipped: 1, failed: 0 });
  expect(result.state).toMatchObject({ status: 'complete', pushedCount: 2, skippedCount: 1, failedCount: 0 });
  expect(await suite.db.sql.query('select count(*)::int as n from library_hack')).toEqual([{ n: 3 }]);
  expect(
    await suite.db.sql.query(
      'select count(*)::int as n from hack where event_id = $1 and synced_to_library_at is null',
      [eventId],
    ),
  ).toEqual([{ n: 0 }]);
});

test('a non-admin is forbidden and stored state is unchanged', async () => {
  const eventId = await eventWith(2);
  const before = await snapshotDomain(suite.db.sql);
  await expect(suite.services.sync.completeAndSync({ accountId: 'stranger' }, eventId)).rejects.toMatchObject({
    code: 'forbidden',
  });
  expect(await snapshotDomain(suite.db.sql)).toEqual(before);
});

test('a completed event is read-only', async () => {
  const eventId = await eventWith(1);
  const result = await suite.services.sync.completeAndSync(admin, eventId);
  expect(result.state?.status).toBe('complete');
  expect(result.lifecycle).toBe('completed');
  await expect(suite.services.sync.completeAndSync(admin, eventId)).rejects.toMatchObject({ code: 'read_only' });
  await expect(suite.services.sync.retrySync(admin, eventId)).rejects.toMatchObject({ code: 'read_only' });
});

test('no submitted hacks fails terminally and retry is refused', async () => {
  const eventId = await eventWith(0);
  const result = await suite.services.sync.completeAndSync(admin, eventId);
  expect(result.state).toMatchObject({ status: 'failed', errorCategory: 'validation', retryable: false });
  await expect(suite.services.sync.retrySync(admin, eventId)).rejects.toMatchObject({ code: 'validation' });
});

test('retry attempts every submitted hack not yet in the library: the failed ones and any submitted since', async () => {
  const eventId = await eventWith(2, 1);
  const first = await suite.services.sync.completeAndSync(admin, eventId);
  expect(first.state).toMatchObject({ status: 'partial', pushedCount: 2, failedCount: 1, consecutiveFailures: 1 });
  const failedId = first.state!.failedItems[0]!.hackId;
  // Submitted after the partial sync: the retry must not leave it behind.
  const lateHack = await makeHack(suite.db.sql, eventId);
  const again = await suite.services.sync.retrySync(admin, eventId);
  expect(again.attempt).toEqual({ action: 'retry', pushed: 1, skipped: 0, failed: 1 });
  expect(again.state).toMatchObject({ status: 'partial', pushedCount: 3, consecutiveFailures: 2, attemptCount: 2 });
  await suite.db.sql.query(`update hack set title = 'Fixed' where id = $1`, [failedId]);
  // Two failures in a row: the decision tree asks for an escalation note before the next retry.
  await suite.services.sync.escalate(admin, eventId, 'Blank title fixed by the team; retrying once.');
  const fixed = await suite.services.sync.retrySync(admin, eventId);
  expect(fixed.attempt).toEqual({ action: 'retry', pushed: 1, skipped: 0, failed: 0 });
  expect(fixed.state).toMatchObject({ status: 'complete', pushedCount: 4, consecutiveFailures: 0 });
  expect(fixed.lifecycle).toBe('completed');
  // The event is read-only now, and no submitted hack of it is outside the library.
  expect(
    await suite.db.sql.query(
      `select count(*)::int as outside from hack h
     where h.event_id = $1 and h.submitted_at is not null
       and not exists (select 1 from library_hack l where l.source_hack_id = h.id)`,
      [eventId],
    ),
  ).toEqual([{ outside: 0 }]);
  expect(
    await suite.db.sql.query('select synced_to_library_at is not null as synced from hack where id = $1', [lateHack]),
  ).toEqual([{ synced: true }]);
  expect(await suite.db.sql.query('select action from event_audit_log order by id')).toEqual([
    { action: 'sync_partial' },
    { action: 'sync_retry' },
    { action: 'sync_escalated' },
    { action: 'sync_retry' },
  ]);
});

test('a failure injected after the sync writes rolls everything back, audit included', async () => {
  const eventId = await eventWith(3);
  await suite.db.sql
    .exec(`create function fail_audit() returns trigger language plpgsql as $$ begin raise exception 'injected'; end $$;
    create trigger fail_audit before insert on event_audit_log for each row execute function fail_audit();`);
  const before = await snapshotDomain(suite.db.sql);
  try {
    await expect(suite.services.sync.completeAndSync(admin, eventId)).rejects.toBeInstanceOf(AppError);
    expect(await snapshotDomain(suite.db.sql)).toEqual(before);
  } finally {
    await suite.db.sql.exec('drop trigger fail_audit on event_audit_log; drop function fail_audit();');
  }
});

test('telemetry is persisted with the next store call, without an extra round trip', async () => {
  const eventId = await eventWith(1);
  const tripsBefore = suite.db.rpc.roundTrips;
  await suite.services.sync.completeAndSync(admin, eventId);
  await suite.services.sync.status({ eventId });
  expect(suite.db.rpc.roundTrips - tripsBefore).toBe(2);
  expect(await suite.db.sql.query(`select metric, outcome from telemetry_event`)).toEqual([
    { metric: 'sync_execution', outcome: 'success' },
  ]);
});

describe('sync follows the event lifecycle', () => {
  test.each(['draft', 'registration', 'team_formation'] as const)(
    'Complete + Sync in %s is refused as not_ready with guidance, and stores nothing',
    async (lifecycle) => {
      const eventId = await makeSyncableEvent(suite.db.sql, admin.accountId, 2, 0, { lifecycle });
      const before = await snapshotDomain(suite.db.sql);
      for (const endEarly of [false, true]) {
        await expect(suite.services.sync.completeAndSync(admin, eventId, { endEarly })).rejects.toMatchObject({
          code: 'not_ready',
          message: expect.stringContaining('before hacking'),
          guidance: expect.stringMatching(/Nothing was stored/),
        });
      }
      expect(await snapshotDomain(suite.db.sql)).toEqual(before);
      expect(await suite.db.sql.query('select outcome from telemetry_event')).toEqual([
        { outcome: 'rejected' },
        { outcome: 'rejected' },
      ]);
    },
  );

  test.each(['hacking', 'voting'] as const)(
    'in %s, Complete + Sync without the early-completion flag is refused and changes nothing',
    async (lifecycle) => {
      const eventId = await makeSyncableEvent(suite.db.sql, admin.accountId, 2, 0, { lifecycle });
      const before = await snapshotDomain(suite.db.sql);
      await expect(suite.services.sync.completeAndSync(admin, eventId)).rejects.toMatchObject({
        code: 'not_ready',
        message: expect.stringContaining('end it early'),
        guidance: expect.stringContaining('--end-early'),
      });
      expect(await snapshotDomain(suite.db.sql)).toEqual(before);
    },
  );

  test('ending an event early moves it to results, audits the early completion, and syncs it in one transaction', async () => {
    const eventId = await makeSyncableEvent(suite.db.sql, admin.accountId, 2, 0, { lifecycle: 'voting' });
    const result = await suite.services.sync.completeAndSync(admin, eventId, { endEarly: true });
    expect(result.attempt).toEqual({ action: 'end_early', pushed: 2, skipped: 0, failed: 0 });
    expect(result).toMatchObject({ lifecycle: 'completed', state: { status: 'complete' } });
    expect(
      await suite.db.sql.query('select action, actor_account_id, before, after from event_audit_log order by id'),
    ).toEqual([
      {
        action: 'sync_ended_early',
        actor_account_id: admin.accountId,
        before: { lifecycle: 'voting' },
        after: { lifecycle: 'results' },
      },
      expect.objectContaining({ action: 'sync_complete' }),
    ]);
  });

  test('an early completion whose sync is partial leaves the event in results, ready for Retry Sync', async () => {
    const eventId = await makeSyncableEvent(suite.db.sql, admin.accountId, 1, 1, { lifecycle: 'hacking' });
    const result = await suite.services.sync.completeAndSync(admin, eventId, { endEarly: true });
    expect(result).toMatchObject({ lifecycle: 'results', state: { status: 'partial' } });
    await expect(suite.services.sync.retrySync(admin, eventId)).resolves.toMatchObject({
      attempt: { action: 'retry' },
    });
  });

  test('the early-completion flag on an event already in results is refused, and changes nothing', async () => {
    const eventId = await eventWith(2);
    const before = await snapshotDomain(suite.db.sql);
    await expect(suite.services.sync.completeAndSync(admin, eventId, { endEarly: true })).rejects.toMatchObject({
      code: 'validation',
    });
    expect(await snapshotDomain(suite.db.sql)).toEqual(before);
  });
});

test('a failed item names its owner and the hack page, so the escalation leads somewhere', async () => {
  const eventId = await eventWith(1);
  const noOwner = await makeHack(suite.db.sql, eventId, { ownerAccountId: null });
  const blank = await makeHack(suite.db.sql, eventId, { title: ' ', ownerAccountId: 'blank-owner' });
  await suite.db.sql.query(`update hack set confluence_page_id = '7788' where id = $1`, [blank]);
  const result = await suite.services.sync.completeAndSync(admin, eventId);
  expect(result.state?.failedItems).toEqual(
    expect.arrayContaining([
      { hackId: noOwner, title: expect.any(String), reason: 'missing_owner', ownerAccountId: null, pageId: null },
      { hackId: blank, title: ' ', reason: 'empty_title', ownerAccountId: 'blank-owner', pageId: '7788' },
    ]),
  );
});
