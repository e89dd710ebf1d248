import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { buildSamplerTrigger } from '../../src/forge/scheduled-handlers';
import { createApp } from '../../src/app/create-app';
import type { OpsSummary } from '../../src/contract/operations';
import type { Envelope } from '../../src/contract/envelope';
import { makeAdmin, makeEvent, makeHack, makeSyncableEvent } from '../helpers/builders';
import { databaseOutage } from '../helpers/database-outage';
import { TEST_SETTINGS } from '../helpers/test-database';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

const resolvers = useResolversOnTestDatabase();

test('ops.summary is for HDC operators only, refused without a trace otherwise', async () => {
  const refused = await resolvers.invoke('ops.summary', {}, 'someone');
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'forbidden', guidance: expect.stringMatching(/operator/) },
  });
  expect(
    await resolvers.db.sql.query("select count(*)::int as n from ops_audit_log where action = 'ops_summary_read'"),
  ).toEqual([{ n: 0 }]);
  expect(await resolvers.invoke('ops.summary', { extra: 1 }, 'someone')).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
});

test('ops.summary: backlog, escalations, cleanup, failed runs, SLO posture and health in one round trip; the read is audited with its values', async () => {
  const sql = resolvers.db.sql;
  await resolvers.services.operators.add('op-1', 'test');
  // A partial sync (one invalid hack), and a failed one twice over: an escalation waits.
  const partial = await makeSyncableEvent(sql, 'admin-1', 2, 1);
  await resolvers.services.sync.completeAndSync({ accountId: 'admin-1' }, partial);
  const failing = await makeEvent(sql, { lifecycle: 'results' });
  await makeAdmin(sql, failing, 'admin-2');
  await makeHack(sql, failing, { title: ' ' });
  await resolvers.services.sync.completeAndSync({ accountId: 'admin-2' }, failing);
  await resolvers.services.sync.retrySync({ accountId: 'admin-2' }, failing);
  await sql.query(
    `insert into scheduled_run (site_id, job, started_at, finished_at, status, error_code) values ($1, 'telemetry_sampler', now(), now(), 'failed', 'unavailable')`,
    [TEST_SITE],
  );

  const before = resolvers.db.rpc.roundTrips;
  const reply = await resolvers.invoke<OpsSummary>('ops.summary', {}, 'op-1');
  expect(resolvers.db.rpc.roundTrips - before).toBe(1);
  expect(reply.ok).toBe(true);
  const summary = (reply as Extract<Envelope<OpsSummary>, { ok: true }>).data;
  expect(summary.syncBacklog).toMatchObject({ partial: 1, failed: 1, escalationsWaiting: 1 });
  expect(summary.syncBacklog.oldest).toMatchObject({ status: 'partial' });
  expect(summary.scheduledRunsFailed24h).toMatchObject({ count: 1, jobs: ['telemetry_sampler'] });
  expect(summary.cleanup).toEqual({ plansExecuting: 0, itemsPending: 0, itemsFailed: 0 });
  expect(summary.slo.map((w) => w.window)).toEqual(['lastHour', 'lastDay']);
  expect(summary.health.checks['database:schemaVersion']?.[0]?.status).toBe('pass');
  expect(summary.posture.schemaVersion).toBe(EXPECTED_SCHEMA_VERSION);
  const [audit] = await sql.query<{ actor: string; detail: { syncBacklog: { partial: number } } }>(
    "select actor, detail from ops_audit_log where action = 'ops_summary_read'",
  );
  expect(audit).toMatchObject({ actor: 'op-1', detail: { syncBacklog: { partial: 1, failed: 1 } } });
});

test("chaos, resolver: the database goes down — typed unavailable within the deadline, the macros' degraded state — and comes back without a restart", async () => {
  const outage = databaseOutage(resolvers.db.rpc);
  const app = createApp({ rpc: outage.rpc, settings: TEST_SETTINGS, log: () => undefined });
  const handler = buildResolverDefinitions({ app: async () => app, logError: () => undefined, deadlineMs: 3_000 });
  const invoke = (key: string, payload: unknown) =>
    handler({ call: { functionKey: key, payload }, context: {} }, {
      principal: { accountId: 'admin-1' },
      installContext: TEST_SITE,
    } as never) as Promise<Envelope<unknown>>;
  const eventId = await makeSyncableEvent(resolvers.db.sql, 'admin-1', 1);
  outage.down();
  // Typed unavailable, not the deadline's transient: both answered before the deadline cut them.
  const down = await invoke('registry.list', { parentPageId: '100' });
  const write = await invoke('sync.complete', { eventId });
  expect(down).toMatchObject({ ok: false, error: { code: 'unavailable', retryable: true } });
  expect(write).toMatchObject({
    ok: false,
    error: { code: 'unavailable', message: expect.stringContaining('nothing was changed') },
  });
  expect(await resolvers.db.sql.query('select count(*)::int as n from event_sync_state')).toEqual([{ n: 0 }]);
  outage.up();
  expect(await invoke('registry.list', { parentPageId: '100' })).toMatchObject({ ok: true });
  expect(await invoke('sync.complete', { eventId })).toMatchObject({
    ok: true,
    data: { state: { status: 'complete' } },
  });
});

test('chaos, scheduled trigger: a sampler run that meets a failing database is recorded as failed; a full outage is logged; the next run succeeds', async () => {
  const outage = databaseOutage(resolvers.db.rpc);
  const app = createApp({ rpc: outage.rpc, settings: TEST_SETTINGS, log: () => undefined });
  const lines: string[] = [];
  const trigger = buildSamplerTrigger({ app: async () => app, log: (line) => lines.push(line) });
  outage.down(['hdc_telemetry_window', 'hdc_fold_telemetry']);
  expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 500 });
  expect(await resolvers.db.sql.query('select status, error_code from scheduled_run')).toEqual([
    { status: 'failed', error_code: 'unavailable' },
  ]);
  outage.down();
  expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 500 });
  outage.up();
  expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
  expect(await resolvers.db.sql.query('select status from scheduled_run order by id')).toEqual([
    { status: 'failed' },
    { status: 'ok' },
  ]);
});
