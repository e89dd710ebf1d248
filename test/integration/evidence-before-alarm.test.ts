import type { OpsSummary } from '../../src/contract/operations';
import type { Envelope } from '../../src/contract/envelope';
import type { WeeklyReport } from '../../src/contract/weekly-report';
import { makeSyncableEvent } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

// Evidence before alarm: a handful of people clicking where they may not is no outage. The calls go
// through the real resolvers (the viewer is the principal); their telemetry rows are then pinned
// inside one 5-minute bin of the last hour, so the window they share does not depend on the clock.
const resolvers = useResolversOnTestDatabase();
const OPERATOR = 'op-1';

const ok = <T>(reply: Envelope<T>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.data;
};

/** `lookups` registry lookups by `lookers` people, and 8 refused Complete + Sync clicks by each of `clickers`. */
async function busyFiveMinutes(lookers: number, lookups: number, clickers: string[]): Promise<void> {
  const eventId = await makeSyncableEvent(resolvers.db.sql, 'admin-1', 2);
  for (let i = 0; i < lookups; i += 1) {
    ok(await resolvers.invoke('registry.list', { parentPageId: '100' }, `reader-${i % lookers}`));
  }
  for (const clicker of clickers) {
    for (let i = 0; i < 8; i += 1) {
      const refused = await resolvers.invoke('sync.complete', { eventId }, clicker);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  }
  // The resolver queues each call's end-to-end view for the next call of the site: send it now.
  await resolvers.services.flushTelemetry();
  await resolvers.db.sql.query(
    `update telemetry_event set recorded_at = date_bin('5 minutes', now() - interval '20 minutes', timestamptz 'epoch') + interval '1 minute'
     where site_id = $1`,
    [TEST_SITE],
  );
}

async function opsSummary(): Promise<OpsSummary> {
  return ok(await resolvers.invoke<OpsSummary>('ops.summary', {}, OPERATOR));
}

beforeEach(async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
});

test("16 refused clicks by two people among 42 calls: no rollback, in Operations now or in the week's report, and the refusals are counted by people", async () => {
  await busyFiveMinutes(5, 26, ['clicker-1', 'clicker-2']);

  const hour = (await opsSummary()).slo.find((w) => w.window === 'lastHour');
  // As of now, before any fold: the raw rows count.
  expect(hour).toMatchObject({ calls: 42, forbidden: 16, accounts: 7, refusedAccounts: 2 });
  expect(hour?.status).not.toBe('rollback');
  expect(hour?.detail).toContain('16 calls refused as forbidden (38.1 %) by 2 people');
  expect(hour?.detail).not.toMatch(/rollback to the last good deploy/);

  const report = ok(await resolvers.invoke<WeeklyReport>('report.generate', {}, OPERATOR));
  expect(report.findings.map((f) => f.rule)).not.toContain('auth_failure_rollback');
  expect(report.hypercare?.authFailure).toMatchObject({ breached: false, refusedCalls: 16, refusedAccounts: 2 });
  expect(report.runLog.find((entry) => entry.check === 'Hypercare rollback')).toMatchObject({
    status: 'PASS',
    detail: expect.stringContaining(
      '16 calls refused as forbidden by 2 people (too few people to point at the release)',
    ),
  });
});

test('the same refusals by three people are evidence: Operations now recommends the rollback and the report fails at SEV-2', async () => {
  await busyFiveMinutes(5, 26, ['clicker-1', 'clicker-2', 'clicker-3']);

  const hour = (await opsSummary()).slo.find((w) => w.window === 'lastHour');
  expect(hour).toMatchObject({ calls: 50, forbidden: 24, refusedAccounts: 3, status: 'rollback' });

  const report = ok(await resolvers.invoke<WeeklyReport>('report.generate', {}, OPERATOR));
  expect(report).toMatchObject({ status: 'FAIL', severity: 'SEV-2' });
  expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'auth_failure_rollback', severity: 'SEV-2' }));
  expect(report.runLog.find((entry) => entry.check === 'Hypercare rollback')?.status).toBe('FAIL');
  // The report's own SEV-2 counts against the exit criteria it shows.
  expect(report.hypercare?.exit).toMatchObject({ met: false });
  expect(report.hypercare?.exit.detail).toContain('this one included');
});

test('errors of one person are not an error rate: a window is judged from enough calls by enough people', async () => {
  const sql = resolvers.db.sql;
  // 30 failing lookups by one person, then the same by five: only the second is a rollback-sized error rate.
  const failing = (people: number) =>
    sql.query(
      `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at, caller)
       select gen_random_uuid(), $1, 'registry_lookup', 'organic', 'error', 12, '{"errorCode":"unavailable"}',
         date_bin('5 minutes', now() - interval '20 minutes', timestamptz 'epoch') + interval '1 minute', hdc_caller_key($1, 'p-' || (i % $2))
       from generate_series(1, 30) as i`,
      [TEST_SITE, people],
    );
  await failing(1);
  expect((await opsSummary()).slo[0]).toMatchObject({
    status: 'too_few_to_judge',
    detail: expect.stringContaining('30 calls by 1 person'),
  });
  let report = ok(await resolvers.invoke<WeeklyReport>('report.generate', {}, OPERATOR));
  expect(report.findings.map((f) => f.rule)).not.toContain('error_rate_rollback');

  await sql.query('delete from telemetry_event where site_id = $1', [TEST_SITE]);
  await failing(5);
  await sql.query(
    `select hdc_mark_telemetry_unfolded($1, array[date_bin('1 hour', now() - interval '20 minutes', timestamptz 'epoch')])`,
    [TEST_SITE],
  );
  expect((await opsSummary()).slo[0]).toMatchObject({ status: 'rollback', accounts: 5 });
  report = ok(await resolvers.invoke<WeeklyReport>('report.generate', {}, OPERATOR));
  expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'error_rate_rollback' }));
});

test('telemetry keeps a key of who called, never the account id', async () => {
  await busyFiveMinutes(1, 1, ['clicker-1']);
  const rows = await resolvers.db.sql.query<{ caller: string | null; row: string }>(
    'select caller, to_jsonb(t)::text as row from telemetry_event t where site_id = $1',
    [TEST_SITE],
  );
  expect(rows.length).toBe(9);
  for (const { caller, row } of rows) {
    expect(caller).toMatch(/^[0-9a-f]{16}$/);
    expect(row).not.toMatch(/clicker-1|reader-0/);
  }
});
