import type { DatabaseHealth } from '../../src/contract/operations';
import { httpStatusOf, judgeReadiness } from '../../src/ops/health-rules';
import { judgeSlo } from '../../src/ops/slo-rules';
import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { judgeHypercare } from '../../src/verification/hypercare-rules';

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
  const volume = (calls: number, errors: number, forbidden = 0) => ({ calls, errors, forbidden });
  test('too few calls are not judged; over target; rollback on errors or on auth failures', () => {
    const [hour, day] = judgeSlo({ lastHour: volume(5, 5), lastDay: volume(1000, 5) }, DEFAULT_THRESHOLDS);
    expect(hour).toMatchObject({ status: 'too_few_calls', errorRate: null });
    expect(day).toMatchObject({ status: 'ok', errorRate: 0.005 });
    expect(
      judgeSlo({ lastHour: volume(100, 3), lastDay: volume(100, 11) }, DEFAULT_THRESHOLDS).map((w) => w.status),
    ).toEqual(['over_target', 'rollback']);
    expect(judgeSlo({ lastHour: volume(100, 6, 6), lastDay: volume(100, 0) }, DEFAULT_THRESHOLDS)[0]).toMatchObject({
      status: 'rollback',
      authFailureRate: 0.06,
    });
  });
});

describe('hypercare', () => {
  const day = (calls: number, errors: number) => ({ day: 'd', calls, errors, forbidden: 0 });
  test('exit met after 7 consecutive measured days under the target and no SEV-2', () => {
    const { hypercare, findings } = judgeHypercare(
      { days: Array.from({ length: 7 }, () => day(100, 0)), worstAuthFailureRate: 0.01, sev2Reports: [] },
      DEFAULT_THRESHOLDS,
    );
    expect(hypercare.exit).toMatchObject({ met: true, consecutiveDays: 7, requiredDays: 7 });
    expect(hypercare.authFailure.breached).toBe(false);
    expect(findings).toEqual([]);
  });
  test('a bad day, a day without calls or a SEV-2 report keeps hypercare on, with the day count', () => {
    const days = [day(100, 0), day(100, 5), day(100, 0), day(0, 0), day(100, 0), day(100, 0), day(100, 0)];
    expect(
      judgeHypercare({ days, worstAuthFailureRate: null, sev2Reports: [] }, DEFAULT_THRESHOLDS).hypercare.exit,
    ).toMatchObject({ met: false, consecutiveDays: 3 });
    const sev2 = judgeHypercare(
      {
        days: Array.from({ length: 7 }, () => day(100, 0)),
        worstAuthFailureRate: null,
        sev2Reports: ['2026-11-20T00:00:00Z'],
      },
      DEFAULT_THRESHOLDS,
    );
    expect(sev2.hypercare.exit).toMatchObject({
      met: false,
      consecutiveDays: 7,
      sev2Reports: 1,
      detail: expect.stringContaining('1 SEV-2 report(s)'),
    });
  });
  test('auth failures past 5 % in a window is the rollback finding (SEV-2)', () => {
    const { hypercare, findings } = judgeHypercare(
      { days: [], worstAuthFailureRate: 0.08, sev2Reports: [] },
      DEFAULT_THRESHOLDS,
    );
    expect(hypercare.authFailure).toMatchObject({ breached: true, rollbackRate: 0.05, windowMinutes: 5 });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'auth_failure_rollback',
        severity: 'SEV-2',
        action: expect.stringContaining('rollback'),
      }),
    ]);
  });
});
