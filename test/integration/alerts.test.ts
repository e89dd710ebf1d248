import type { AlertEvaluation } from '../../src/contract/alerts';
import type { AppServices } from '../../src/app/create-app';
import type { Clock } from '../../src/shared/clock';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// Alerts every five minutes, driven by an injected clock: telemetry rows and sampler runs are written
// at the clock's times, and each evaluation runs at the clock's now. Nothing here reads the wall clock.
const T0 = new Date('2026-11-10T12:00:00Z');
const MINUTE = 60_000;
const OPERATOR = 'op-1';

let db: TestDatabase;
let at = T0.getTime();
const clock: Clock = { now: () => new Date(at), monotonicMs: () => performance.now() };
let services: AppServices;

beforeAll(async () => {
  db = await openTestDatabase();
  services = db.app({ clock }).servicesFor({ site: TEST_SITE });
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  at = T0.getTime();
  await services.operators.add(OPERATOR, 'test');
});

const minutes = (n: number) => new Date(T0.getTime() + n * MINUTE).toISOString();

/** `calls` registry lookups spread evenly over [from, to) (minutes from T0) by `people` people; every `errorEvery`-th one fails. */
async function lookups(from: number, to: number, calls: number, people: number, errorEvery: number | null) {
  await db.sql.query(
    `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at, caller)
     select gen_random_uuid(), $1, 'registry_lookup', 'organic',
       case when $6::int is not null and i % $6::int = 0 then 'error' else 'success' end, 12, '{}',
       $2::timestamptz + (i - 1) * (($3::timestamptz - $2::timestamptz) / $4::int), hdc_caller_key($1, 'person-' || (i % $5))
     from generate_series(1, $4::int) as i`,
    [TEST_SITE, minutes(from), minutes(to), calls, people, errorEvery],
  );
}

async function samplerRun(minute: number) {
  await db.sql.query(
    `insert into scheduled_run (site_id, job, started_at, finished_at, status) values ($1, 'telemetry_sampler', $2, $2, 'ok')`,
    [TEST_SITE, minutes(minute)],
  );
}

async function evaluateAt(minute: number): Promise<AlertEvaluation> {
  at = T0.getTime() + minute * MINUTE;
  return services.alerts.evaluate();
}

const openAlerts = () => services.alerts.list(OPERATOR);
const rulesOf = (evaluation: AlertEvaluation) => evaluation.fired.map((alert) => alert.rule).sort();
const audits = async (action: string) =>
  (await db.sql.query<{ n: number }>('select count(*)::int as n from ops_audit_log where action = $1', [action]))[0]!.n;

test('an error burst crossing 14.4× is alerted within two evaluator runs, with the burn rate in its title', async () => {
  await lookups(-60, 0, 120, 10, null); // a healthy hour
  expect((await evaluateAt(0)).fired).toEqual([]);
  await lookups(0, 10, 300, 10, 2); // then half the calls fail
  const first = await evaluateAt(5);
  const second = await evaluateAt(10);
  const fired = [...rulesOf(first), ...rulesOf(second)];
  expect(fired).toContain('burn_rate:fast_burn');
  const fast = (await openAlerts()).find((alert) => alert.rule === 'burn_rate:fast_burn');
  expect(fast).toMatchObject({ severity: 'P1', status: 'firing', subject: 'registry_lookup' });
  expect(fast?.title).toMatch(/^registry_lookup error budget burning \d+(\.\d)?×/);
  // The hypercare rollback trigger fires with it, as its own alert, and nothing fires twice.
  expect(fired).toContain('error_rate_rollback');
  expect(new Set(fired).size).toBe(fired.length);
});

test('a slow 1× burn over three days opens a ticket-level alert, and no page', async () => {
  await lookups(-72 * 60, 0, 18_000, 7, 84); // 1.19 % failing for three days: the budget lasts a little less than its window
  const evaluation = await evaluateAt(0);
  expect(rulesOf(evaluation)).toEqual(['burn_rate:steady_burn']);
  expect((await openAlerts())[0]).toMatchObject({ severity: 'P3', rule: 'burn_rate:steady_burn' });
});

test('calls of too few people raise nothing, whatever their error rate', async () => {
  await lookups(-60, 0, 300, 2, 2); // two people, half of their calls failing
  expect((await evaluateAt(0)).fired).toEqual([]);
});

test('a burn counts the people of its whole window: one different person in each bin is still evidence for the hour, not for five minutes', async () => {
  // Twelve 5-minute bins, each with 30 calls of one person (a different one each bin), half of them failing.
  await db.sql.query(
    `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at, caller)
     select gen_random_uuid(), $1, 'registry_lookup', 'organic', case when i % 2 = 0 then 'error' else 'success' end, 12, '{}',
       $2::timestamptz + (i / 30) * interval '5 minutes' + (i % 30) * interval '5 seconds', hdc_caller_key($1, 'person-' || (i / 30))
     from generate_series(0, 359) as i`,
    [TEST_SITE, minutes(-60)],
  );
  const fired = rulesOf(await evaluateAt(0));
  expect(fired).toContain('burn_rate:fast_burn');
  // The hypercare triggers look at five and fifteen minutes: one and three people.
  expect(fired).not.toContain('error_rate_rollback');
  expect(fired).toContain('error_rate_escalate');
});

test("the dead-man's switch fires when the sampler stops, resolves after the hold time, and a flapping condition keeps one alert", async () => {
  await samplerRun(-180);
  expect(rulesOf(await evaluateAt(0))).toEqual(['sampler_silent']);
  // The sampler is back: clear, but not resolved before the 15-minute hold.
  await samplerRun(1);
  expect((await evaluateAt(5)).resolved).toEqual([]);
  // It stops again before the hold ends (its run was a fluke): the same alert, not a new one.
  await db.sql.query(`delete from scheduled_run where started_at = $1`, [minutes(1)]);
  expect((await evaluateAt(10)).fired).toEqual([]);
  expect(await audits('alert_fired')).toBe(1);
  // Back for good: resolved once clear for the hold time.
  await samplerRun(11);
  expect((await evaluateAt(15)).resolved).toEqual([]);
  expect((await evaluateAt(25)).resolved).toEqual([]);
  const resolved = await evaluateAt(30);
  expect(resolved.resolved.map((alert) => alert.rule)).toEqual(['sampler_silent']);
  expect(await openAlerts()).toEqual([]);
  expect(await audits('alert_resolved')).toBe(1);
});

test('two evaluations at once open one alert', async () => {
  await samplerRun(-180);
  at = T0.getTime();
  const other = db.app({ clock }).servicesFor({ site: TEST_SITE });
  const [a, b] = await Promise.all([services.alerts.evaluate(), other.alerts.evaluate()]);
  expect([...rulesOf(a), ...rulesOf(b)]).toEqual(['sampler_silent']);
  expect((await db.sql.query<{ n: number }>('select count(*)::int as n from ops_alert'))[0]!.n).toBe(1);
});

test('operators acknowledge and resolve; others are refused and change nothing; SLAs are shown and breached in time', async () => {
  await samplerRun(-180);
  await evaluateAt(0);
  const [alert] = await openAlerts();
  expect(alert).toMatchObject({ rule: 'sampler_silent', severity: 'P2', sla: { responseBreached: false } });

  await expect(services.alerts.acknowledge('someone', alert!.id)).rejects.toMatchObject({ code: 'forbidden' });
  await expect(services.alerts.list('someone')).rejects.toMatchObject({ code: 'forbidden' });
  expect(await audits('alert_acknowledged')).toBe(0);

  // P2: respond within 4 hours. Five hours later, unacknowledged, the response SLA is breached.
  at = T0.getTime() + 5 * 60 * MINUTE;
  expect((await openAlerts())[0]?.sla).toMatchObject({ responseBreached: true, resolutionBreached: false });

  const acknowledged = await services.alerts.acknowledge(OPERATOR, alert!.id);
  expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedBy: OPERATOR, changed: true });
  expect(await services.alerts.acknowledge(OPERATOR, alert!.id)).toMatchObject({ changed: false });
  expect(await audits('alert_acknowledged')).toBe(1);

  const resolved = await services.alerts.resolve(OPERATOR, alert!.id, 'Restarted the trigger');
  expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: OPERATOR, resolution: 'Restarted the trigger' });
  await expect(services.alerts.resolve(OPERATOR, alert!.id)).rejects.toMatchObject({ code: 'read_only' });
  await expect(services.alerts.acknowledge(OPERATOR, 999_999)).rejects.toMatchObject({ code: 'not_found' });
  expect(await audits('alert_resolved')).toBe(1);

  // Its condition is still true: the next evaluation opens a new alert rather than reopening the resolved one.
  expect(rulesOf(await evaluateAt(5 * 60 + 5))).toEqual(['sampler_silent']);
});

test('the evaluation reads folded rollups and raw rows alike, and is one database round trip', async () => {
  await lookups(-60, 0, 120, 10, null);
  await lookups(0, 10, 300, 10, 2);
  await services.verification.foldTelemetry('test');
  const before = db.rpc.roundTrips;
  const evaluation = await evaluateAt(10);
  expect(db.rpc.roundTrips - before).toBe(1);
  expect(rulesOf(evaluation)).toContain('burn_rate:fast_burn');
});
