import type { Envelope } from '../../src/contract/envelope';
import type { EventStatusView, SyncTreeReply } from '../../src/contract/results';
import { SYNC_ACTIONS, SYNC_DECISION_TREE } from '../../src/contract/sync-decision-tree';
import type { SyncAction } from '../../src/contract/sync-decision-tree';
import { makeAdmin, makeEvent, makeHack, makeSyncableEvent, snapshotDomain } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';

const resolvers = useResolversOnTestDatabase();

const ADMIN = 'tree-admin';
const NOTE = 'Checked the failing hacks with the team leads; owners are missing in the HR sync. Told ops.';

const invoke = <T>(functionKey: string, payload: unknown, accountId = ADMIN): Promise<Envelope<T>> =>
  resolvers.invoke<T>(functionKey, payload, accountId);
async function must<T>(functionKey: string, payload: unknown): Promise<T> {
  const reply = await invoke<T>(functionKey, payload);
  if (!reply.ok) throw new Error(`${functionKey} failed in setup: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

const partialEvent = async () => {
  const eventId = await makeSyncableEvent(resolvers.db.sql, ADMIN, 1, 1);
  await must('sync.complete', { eventId });
  return eventId;
};
const escalationEvent = async () => {
  const eventId = await partialEvent();
  await must('sync.retry', { eventId });
  return eventId;
};

/** One way to bring an event to each leaf, through the real resolvers wherever sync can get it there. */
const REACH_LEAF: Record<string, () => Promise<string>> = {
  'not-ready': () => makeSyncableEvent(resolvers.db.sql, ADMIN, 2, 0, { lifecycle: 'registration' }),
  'end-early': () => makeSyncableEvent(resolvers.db.sql, ADMIN, 2, 0, { lifecycle: 'voting' }),
  'run-sync': () => makeSyncableEvent(resolvers.db.sql, ADMIN, 2),
  done: async () => {
    const eventId = await makeSyncableEvent(resolvers.db.sql, ADMIN, 2);
    await must('sync.complete', { eventId });
    return eventId;
  },
  'incident-never-synced': async () => {
    const eventId = await makeEvent(resolvers.db.sql, { lifecycle: 'archived' });
    await makeAdmin(resolvers.db.sql, eventId, ADMIN);
    await makeHack(resolvers.db.sql, eventId);
    return eventId;
  },
  'incident-unsynced-hacks': async () => {
    const eventId = await partialEvent();
    await resolvers.db.sql.query(`update event set lifecycle = 'archived' where id = $1`, [eventId]);
    return eventId;
  },
  'fix-root-cause': async () => {
    const eventId = await makeSyncableEvent(resolvers.db.sql, ADMIN, 0);
    await must('sync.complete', { eventId });
    return eventId;
  },
  'retry-once': partialEvent,
  escalate: escalationEvent,
  'retry-after-escalation': async () => {
    const eventId = await escalationEvent();
    await must('sync.escalate', { eventId, note: NOTE });
    return eventId;
  },
};

const ACTION_CALL: Record<SyncAction, (eventId: string) => [string, object]> = {
  complete: (eventId) => ['sync.complete', { eventId }],
  end_early: (eventId) => ['sync.complete', { eventId, endEarly: true }],
  retry: (eventId) => ['sync.retry', { eventId }],
  escalate: (eventId) => ['sync.escalate', { eventId, note: NOTE }],
};

test('every leaf of the tree has a way to reach it in this test', () => {
  const leafIds = SYNC_DECISION_TREE.nodes.filter((node) => node.kind === 'leaf').map((node) => node.id);
  expect(Object.keys(REACH_LEAF).sort()).toEqual(leafIds.sort());
});

describe.each(Object.keys(REACH_LEAF))('at leaf %s', (leafId) => {
  test('sync.tree places the event there', async () => {
    const eventId = await REACH_LEAF[leafId]!();
    const reply = await must<SyncTreeReply>('sync.tree', { eventId });
    expect(reply.position?.leafId).toBe(leafId);
    expect(reply.position?.path.at(-1)).toBe(leafId);
  });

  test.each(SYNC_ACTIONS.map((action) => [action]))(
    'the backend allows %s exactly when the tree shows it',
    async (action) => {
      const eventId = await REACH_LEAF[leafId]!();
      const { position } = await must<SyncTreeReply>('sync.tree', { eventId });
      const before = await snapshotDomain(resolvers.db.sql);
      const [key, payload] = ACTION_CALL[action](eventId);
      const reply = await invoke(key, payload);
      if (position!.allowedActions.includes(action)) {
        expect(reply).toMatchObject({ ok: true });
      } else {
        expect(reply.ok).toBe(false);
        if (!reply.ok)
          expect(['validation', 'read_only', 'escalation_required', 'not_ready']).toContain(reply.error.code);
        expect(await snapshotDomain(resolvers.db.sql)).toEqual(before);
      }
    },
  );
});

test('retry at the escalation node is refused with escalation_required and guidance to escalate', async () => {
  const eventId = await escalationEvent();
  expect(await invoke('sync.retry', { eventId })).toMatchObject({
    ok: false,
    error: { code: 'escalation_required', retryable: false, guidance: expect.stringMatching(/escalation note/) },
  });
});

test('an escalation is audited with the note and the sync telemetry, and is consumed by the next retry', async () => {
  const eventId = await escalationEvent();
  const escalated = await must<EventStatusView>('sync.escalate', { eventId, note: `  ${NOTE}  ` });
  expect(escalated.state?.escalation).toMatchObject({ note: NOTE, accountId: ADMIN });
  const [audit] = await resolvers.db.sql.query<{
    action: string;
    after: { note: string; telemetry: { outcome: string }[] };
  }>(`select action, after from event_audit_log where event_id = $1 order by id desc limit 1`, [eventId]);
  expect(audit!.action).toBe('sync_escalated');
  expect(audit!.after.note).toBe(NOTE);
  // The complete and the first retry were recorded; the latest telemetry rides along with the note.
  expect(audit!.after.telemetry.length).toBeGreaterThanOrEqual(1);

  const retried = await must<EventStatusView>('sync.retry', { eventId });
  // The note stays as the record of the escalation; the retry used it.
  expect(retried.state).toMatchObject({
    status: 'partial',
    consecutiveFailures: 3,
    escalation: { note: NOTE, accountId: ADMIN, usedAt: expect.any(String) },
  });
  expect(await invoke('sync.retry', { eventId })).toMatchObject({ ok: false, error: { code: 'escalation_required' } });
});

test('a retry that succeeds after escalation ends the run of failures', async () => {
  const eventId = await escalationEvent();
  await resolvers.db.sql.query(`update hack set title = 'Fixed' where event_id = $1 and btrim(title) = ''`, [eventId]);
  await must('sync.escalate', { eventId, note: NOTE });
  expect(await must<EventStatusView>('sync.retry', { eventId })).toMatchObject({
    state: { status: 'complete', consecutiveFailures: 0 },
  });
});

test.each([
  ['too short', { note: 'ok' }],
  ['only spaces', { note: '           ' }],
  ['too long', { note: 'x'.repeat(2001) }],
  ['identity in the payload', { note: NOTE, accountId: ADMIN }],
])('an escalation note %s is a validation error and changes nothing', async (_label, extra) => {
  const eventId = await escalationEvent();
  const before = await snapshotDomain(resolvers.db.sql);
  expect(await invoke('sync.escalate', { eventId, ...extra })).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
  expect(await snapshotDomain(resolvers.db.sql)).toEqual(before);
});

test('only an event admin may escalate', async () => {
  const eventId = await escalationEvent();
  const before = await snapshotDomain(resolvers.db.sql);
  expect(await invoke('sync.escalate', { eventId, note: NOTE }, 'someone-else')).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  expect(await snapshotDomain(resolvers.db.sql)).toEqual(before);
});

test('sync.tree on a page without an event returns the tree alone', async () => {
  const reply = await must<SyncTreeReply>('sync.tree', { pageId: '31337' });
  expect(reply).toMatchObject({ event: null, position: null });
  expect(reply.tree.nodes.length).toBe(SYNC_DECISION_TREE.nodes.length);
});

test('sync.status tells the viewer their role on the event', async () => {
  const eventId = await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
  await makeAdmin(resolvers.db.sql, eventId, 'co-admin', 'co_admin');
  expect(await must<EventStatusView>('sync.status', { eventId })).toMatchObject({ viewerRole: 'primary' });
  expect(await invoke('sync.status', { eventId }, 'co-admin')).toMatchObject({
    ok: true,
    data: { viewerRole: 'co_admin' },
  });
  expect(await invoke('sync.status', { eventId }, 'reader')).toMatchObject({ ok: true, data: { viewerRole: null } });
});
