import type { DatabaseHealth } from '../../src/contract/operations';
import { httpStatusOf, judgeReadiness } from '../../src/ops/health-rules';
import { judgeSlo } from '../../src/ops/slo-rules';
import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { judgeHypercareExit, judgeHypercareRollback } from '../../src/verification/hypercare-rules';
import type { HypercareFigures } from '../../src/contract/weekly-report';

const now = new Date('2026-11-24T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const figures = (over: Partial<DatabaseHealth> = {}): DatabaseHealth => ({
  database: 'ok',
  checkedAt: now.toISOString(),
  schemaVersion: EXPECTED_SCHEMA_VERSION,
  scheduledRuns: { telemetry_sampler: { lastRunAt: hoursAgo(0.5), lastStatus: 'ok', lastOkAt: hoursAgo(0.5) } },
  newestBackup: {
    id: 'b',
    kind: 'manual',
    snapshotAt: hoursAgo(3),
    verifiedAt: hoursAgo(3),
    fileName: 'b.gz',
    bytes: 1,
    totalRows: 1,
  },
  lastDrill: null,
  ...over,
});
const judge = (
  over: Partial<DatabaseHealth> = {},
  confluence: Parameters<typeof judgeReadiness>[0]['confluence'] = { ok: true, roundTripMs: 40 },
) =>
  judgeReadiness({
    now,
    database: { ok: true, figures: figures(over), roundTripMs: 12 },
    confluence,
    recovery: DEFAULT_THRESHOLDS.recovery,
  });

describe('readiness', () => {
  test('everything fresh passes; keys are component:measurement with value, unit and time', () => {
    const report = judge();
    expect(report.status).toBe('pass');
    expect(Object.keys(report.checks).sort()).toEqual([
      'backup:freshness',
      'confluence:responseTime',
      'database:responseTime',
      'database:schemaVersion',
      'sampler:freshness',
    ]);
    expect(report.checks['sampler:freshness']?.[0]).toMatchObject({
      observedValue: 30,
      observedUnit: 'min',
      time: now.toISOString(),
    });
    expect(httpStatusOf(report)).toBe(200);
  });
  test('only an essential failure fails (503); Confluence, the sampler and the backup only warn (200)', () => {
    const confluenceDown = judge({}, { ok: false, errorCode: 'unavailable' });
    expect(confluenceDown.status).toBe('warn');
    expect(httpStatusOf(confluenceDown)).toBe(200);
    expect(judge({ scheduledRuns: {} }).status).toBe('warn');
    expect(judge({ newestBackup: null }).checks['backup:freshness']?.[0]?.status).toBe('warn');
    const oldBackup = judge({ newestBackup: { ...figures().newestBackup!, snapshotAt: hoursAgo(25) } });
    expect(oldBackup.checks['backup:freshness']?.[0]).toMatchObject({
      status: 'warn',
      observedValue: 25,
      output: expect.stringContaining('past the 24 h RPO target'),
    });
    const behind = judge({ schemaVersion: EXPECTED_SCHEMA_VERSION - 1 });
    expect(behind.status).toBe('fail');
    expect(httpStatusOf(behind)).toBe(503);
    expect(judge({ schemaVersion: EXPECTED_SCHEMA_VERSION + 1 }).checks['database:schemaVersion']?.[0]?.output).toMatch(
      /newer than this build/,
    );
    const unreachable = judgeReadiness({
      now,
      database: { ok: false, errorCode: 'unavailable' },
      confluence: null,
      recovery: DEFAULT_THRESHOLDS.recovery,
    });
    expect(unreachable).toMatchObject({ status: 'fail', notes: [expect.stringContaining('Confluence not checked')] });
  });
  test('a failed latest sampler run after a good one within the limit still passes, and says so', () => {
    const report = judge({
      scheduledRuns: { telemetry_sampler: { lastRunAt: hoursAgo(0.1), lastStatus: 'failed', lastOkAt: hoursAgo(1) } },
    });
    expect(report.checks['sampler:freshness']?.[0]).toMatchObject({
      status: 'pass',
      output: expect.stringContaining('the latest run failed'),
    });
  });
});

describe('SLO posture of the ops summary', () => {
  const volume = (
    calls: number,
    errors: number,
    forbidden = 0,
    accounts = 10,
    refusedAccounts = forbidden > 0 ? 5 : 0,
  ) => ({
    calls,
    errors,
    forbidden,
    accounts,
    refusedAccounts,
  });
  test('too few calls are not judged; over target; rollback on errors or on auth failures', () => {
    const [hour, day] = judgeSlo({ lastHour: volume(5, 5), lastDay: volume(1000, 5) }, DEFAULT_THRESHOLDS);
    expect(hour).toMatchObject({
      status: 'too_few_to_judge',
      errorRate: null,
      detail: expect.stringContaining('5 calls by 10 people: too few to judge'),
    });
    expect(day).toMatchObject({ status: 'ok', errorRate: 0.005 });
    expect(
      judgeSlo({ lastHour: volume(100, 3), lastDay: volume(100, 11) }, DEFAULT_THRESHOLDS).map((w) => w.status),
    ).toEqual(['over_target', 'rollback']);
    expect(judgeSlo({ lastHour: volume(100, 6, 6), lastDay: volume(100, 0) }, DEFAULT_THRESHOLDS)[0]).toMatchObject({
      status: 'rollback',
      authFailureRate: 0.06,
    });
  });
  test('many calls by too few people are not judged: one person failing 40 times is no outage', () => {
    const [hour] = judgeSlo({ lastHour: volume(40, 40, 0, 1), lastDay: volume(40, 40, 0, 1) }, DEFAULT_THRESHOLDS);
    expect(hour).toMatchObject({
      status: 'too_few_to_judge',
      errorRate: null,
      detail: expect.stringContaining('40 calls by 1 person'),
    });
  });
  test('16 refused clicks by two people among 42 calls recommend no rollback, and say why', () => {
    const [hour] = judgeSlo(
      { lastHour: volume(42, 0, 16, 5, 2), lastDay: volume(42, 0, 16, 5, 2) },
      DEFAULT_THRESHOLDS,
    );
    expect(hour).toMatchObject({ status: 'ok', authFailureRate: 16 / 42 });
    expect(hour?.detail).toContain('16 calls refused as forbidden (38.1 %) by 2 people — too few people refused');
    expect(hour?.detail).not.toMatch(/rollback to the last good deploy/);
    // The same share refused to three people is evidence.
    const [three] = judgeSlo({ lastHour: volume(42, 0, 16, 5, 3), lastDay: volume(42, 0, 0) }, DEFAULT_THRESHOLDS);
    expect(three).toMatchObject({
      status: 'rollback',
      detail: expect.stringContaining('rollback to the last good deploy'),
    });
  });
});

describe('hypercare', () => {
  const day = (calls: number, errors: number) => ({ day: 'd', calls, errors, forbidden: 0 });
  const figures = (overrides: Partial<HypercareFigures> = {}): HypercareFigures => ({
    days: Array.from({ length: 7 }, () => day(100, 0)),
    worstAuthFailureRate: 0.01,
    refused: { calls: 1, accounts: 1 },
    sev2Reports: [],
    ...overrides,
  });
  test('exit met after 7 consecutive measured days under the target and no SEV-2', () => {
    const rollback = judgeHypercareRollback(figures(), DEFAULT_THRESHOLDS);
    expect(judgeHypercareExit(figures(), DEFAULT_THRESHOLDS, 'none')).toMatchObject({
      met: true,
      consecutiveDays: 7,
      requiredDays: 7,
      detail: 'Exit criteria met: 7 consecutive days under the 1.0 % error-rate target and no SEV-2 report in 7 days.',
    });
    expect(rollback.authFailure.breached).toBe(false);
    expect(rollback.findings).toEqual([]);
  });
  test('a bad day, a day without calls or a SEV-2 report keeps hypercare on, with the day count', () => {
    const days = [day(100, 0), day(100, 5), day(100, 0), day(0, 0), day(100, 0), day(100, 0), day(100, 0)];
    expect(judgeHypercareExit(figures({ days }), DEFAULT_THRESHOLDS, 'none')).toMatchObject({
      met: false,
      consecutiveDays: 3,
    });
    expect(
      judgeHypercareExit(figures({ sev2Reports: ['2026-11-20T00:00:00Z'] }), DEFAULT_THRESHOLDS, 'none'),
    ).toMatchObject({
      met: false,
      consecutiveDays: 7,
      sev2Reports: 1,
      detail: expect.stringContaining('1 SEV-2 report in the last 7 days'),
    });
  });
  test("the report's own SEV-2 counts: a SEV-2 report never says the exit criteria are met", () => {
    expect(judgeHypercareExit(figures(), DEFAULT_THRESHOLDS, 'SEV-2')).toMatchObject({
      met: false,
      sev2Reports: 1,
      detail: expect.stringContaining('1 SEV-2 report in the last 7 days, this one included'),
    });
    expect(judgeHypercareExit(figures(), DEFAULT_THRESHOLDS, 'SEV-3').met).toBe(true);
  });
  test('auth failures past 5 % in a window is the rollback finding (SEV-2)', () => {
    const { authFailure, findings } = judgeHypercareRollback(
      figures({ worstAuthFailureRate: 0.08, refused: { calls: 30, accounts: 6 } }),
      DEFAULT_THRESHOLDS,
    );
    expect(authFailure).toMatchObject({ breached: true, rollbackRate: 0.05, windowMinutes: 5, refusedAccounts: 6 });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'auth_failure_rollback',
        severity: 'SEV-2',
        action: expect.stringContaining('rollback'),
      }),
    ]);
  });
  test('refusals by too few people are shown as such, and judge nothing', () => {
    const rollback = judgeHypercareRollback(
      figures({ worstAuthFailureRate: null, refused: { calls: 16, accounts: 2 } }),
      DEFAULT_THRESHOLDS,
    );
    expect(rollback.findings).toEqual([]);
    expect(rollback.detail).toBe(
      'auth failures: no window with enough evidence to judge (rollback at 5.0 %); 16 calls refused as forbidden by 2 people (too few people to point at the release)',
    );
  });
});
