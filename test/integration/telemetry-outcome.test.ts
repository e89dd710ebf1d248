import { AppError } from '../../src/shared/app-error';
import { OWN_CODES } from '../../src/store/postgres-error-map';
import { callOutcomeOf } from '../../src/telemetry/call-outcome';
import { makeSyncableEvent } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

const resolvers = useResolversOnTestDatabase();
const sql = () => resolvers.db.sql;

test('SQL and TypeScript classify every refusal code the same way', async () => {
  for (const [sqlState, code] of Object.entries(OWN_CODES)) {
    const [row] = await sql().query<{ outcome: string }>(
      `select hdc_call_outcome(hdc_error_reply($1, 'm', null)) as outcome`,
      [sqlState],
    );
    expect({ code, outcome: row!.outcome }).toEqual({ code, outcome: callOutcomeOf(new AppError(code, 'm')) });
  }
  const [other] = await sql().query<{ outcome: string }>(
    `select hdc_call_outcome(hdc_error_reply('57014', 'm', null)) as outcome, hdc_call_outcome('{}') as ok`,
  );
  expect(other).toEqual({ outcome: 'error', ok: 'success' });
});

test.each<[string, string]>([
  ['forbidden', 'rejected'],
  ['not_ready', 'rejected'],
  ['escalation_required', 'rejected'],
  ['validation', 'rejected'],
  ['transient', 'error'],
  ['unavailable', 'error'],
  ['internal', 'error'],
  ['not_found', 'error'],
])('a call ending in %s is recorded as %s', (code, outcome) => {
  expect(callOutcomeOf(new AppError(code as AppError['code'], 'm'))).toBe(outcome);
});

test('people clicking refused paths do not raise the error rate: refusals fold into rejections, forbidden apart', async () => {
  const eventId = await makeSyncableEvent(sql(), 'the-admin', 1, 1);
  expect(await resolvers.invoke('sync.complete', { eventId }, 'the-admin')).toMatchObject({ ok: true });
  // Three refusals: escalation is not due yet, nothing to complete, and someone who is not an admin.
  expect(
    await resolvers.invoke('sync.escalate', { eventId, note: 'Checked the owners with the team.' }, 'the-admin'),
  ).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(await resolvers.invoke('sync.complete', { eventId }, 'the-admin')).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
  expect(await resolvers.invoke('sync.retry', { eventId }, 'a-reader')).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  // The next call carries the queued end-to-end rows.
  await resolvers.invoke('sync.status', { eventId }, 'the-admin');

  expect(
    await sql().query(
      `select outcome, count(*)::int as n from telemetry_event where metric = 'sync_execution' group by 1 order by 1`,
    ),
  ).toEqual([
    { outcome: 'rejected', n: 2 },
    { outcome: 'success', n: 1 },
  ]);
  await sql().query(`select hdc_fold_telemetry($1, 6, 'test')`, [TEST_SITE]);
  expect(
    await sql()
      .query(`select sum(calls)::int as calls, sum(errors)::int as errors, sum(rejections)::int as rejections, sum(forbidden)::int as forbidden
    from telemetry_bin where metric = 'sync_execution'`),
  ).toEqual([{ calls: 3, errors: 0, rejections: 2, forbidden: 1 }]);
});

test.each<[string, string, (eventId: string) => object]>([
  ['a registry search', 'registry.list', () => ({ parentPageId: '5', nameContains: 'Auto\u0000' })],
  ['a registry cursor', 'registry.list', () => ({ parentPageId: '5', cursor: 'abc\u0000' })],
  ['an escalation note', 'sync.escalate', (eventId) => ({ eventId, note: 'Checked the owners\u0000 with the team.' })],
  ['a dry-run query', 'report.integrityDryRun', () => ({ eventQuery: 'HDC\u0000' })],
])('a NUL byte in %s is a validation error naming the field, and changes nothing', async (_label, key, payload) => {
  const eventId = await makeSyncableEvent(sql(), 'the-admin', 1);
  const before = await sql().query('select count(*)::int as n from event_sync_state');
  const reply = await resolvers.invoke(key, payload(eventId), 'the-admin');
  expect(reply).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/NUL/) } });
  expect(await sql().query('select count(*)::int as n from event_sync_state')).toEqual(before);
});
