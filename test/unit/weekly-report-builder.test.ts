import type { IntegrityDryRun, MetricWindow } from '../../src/contract/verification';
import type { ScheduledRun } from '../../src/verification/verification-facts';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { buildWeeklyReport } from '../../src/verification/weekly-report-builder';
import { renderWeeklyReportMarkdown } from '../../src/verification/weekly-report-markdown';
import type { WeeklyReportInput } from '../../src/verification/weekly-report-judgment';
import { integritySummary, metricWindow } from '../helpers/report-facts';

// The weekly report from facts already gathered: pure, judged against config/thresholds.yml.
const T = DEFAULT_THRESHOLDS;
const start = new Date('2026-11-30T00:00:00Z');
const end = new Date('2026-12-07T00:00:00Z');

const window = (metric: string, overrides: Partial<MetricWindow> = {}): MetricWindow =>
  metricWindow({ metric, count: 500, p95Ms: 60, ...overrides });
const dryRun = (summary: Partial<IntegrityDryRun['summary']> = {}): IntegrityDryRun => ({
  eventQuery: 'HDC Auto',
  checkedAt: '2026-12-07T00:00:00.000Z',
  events: [],
  summary: integritySummary({ events: 2, totalSubmittedHacks: 6, totalHacks: 6, totalAuditRows: 2, ...summary }),
});
const samplerRun = (day: number, status: ScheduledRun['status'] = 'ok'): ScheduledRun => ({
  id: day,
  job: 'telemetry_sampler',
  startedAt: new Date(start.getTime() + day * 86_400_000).toISOString(),
  finishedAt: new Date(start.getTime() + day * 86_400_000 + 1000).toISOString(),
  status,
  detail: {},
  errorCode: status === 'failed' ? 'unavailable' : null,
});
const healthyDays = Array.from({ length: 7 }, (_, i) => ({
  day: new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10),
  calls: 400,
  errors: 0,
  forbidden: 0,
}));
const input = (overrides: Partial<WeeklyReportInput> = {}): WeeklyReportInput => ({
  thresholds: T,
  periodStart: start,
  periodEnd: end,
  generatedAt: end,
  generatedBy: 'scheduled',
  environment: 'test',
  canonicalQuery: 'HDC Auto',
  dryRun: dryRun(),
  telemetry: {
    from: start.toISOString(),
    to: end.toISOString(),
    metrics: [
      window('registry_lookup'),
      window('sync_execution', { p95Ms: 120 }),
      window('registry_lookup', { source: 'probe', count: 168 }),
      window('sync_execution', { source: 'probe', count: 168, p95Ms: 110 }),
    ],
  },
  samplerRuns: [0, 1, 2, 3, 4, 5, 6].map((day) => samplerRun(day)),
  previous: null,
  orphans: {
    scanId: 9,
    finishedAt: '2026-12-06T00:00:00.000Z',
    trigger: 'scheduled',
    counts: { pages: 40, events: 2, missing: 0, orphanPages: 0, danglingEvents: 0, duplicateReferences: 0 },
    previous: null,
  },
  hypercare: { days: healthyDays, worstAuthFailureRate: 0, refused: { calls: 0, accounts: 0 }, sev2Reports: [] },
  errorBudgets: [
    { metric: 'registry_lookup', windowCalls: 10_000, windowErrors: 50, weekCalls: 2_500, weekErrors: 25 },
  ],
  releases: [],
  ...overrides,
});
const statusOf = (report: ReturnType<typeof buildWeeklyReport>, check: string) =>
  report.runLog.find((entry) => entry.check === check)?.status;

test('a sound week passes, with every run-log section PASS and no follow-up', () => {
  const report = buildWeeklyReport(input());
  expect(report).toMatchObject({ status: 'PASS', severity: 'none', weekOf: '2026-11-30', generatedBy: 'scheduled' });
  expect(report.runLog.map((entry) => [entry.check, entry.status])).toEqual([
    ['Migration-integrity dry-run', 'PASS'],
    ['Performance budgets', 'PASS'],
    ['Telemetry coverage', 'PASS'],
    ['Error rates', 'PASS'],
    ['Scheduled sampler', 'PASS'],
    ['Orphan pages', 'PASS'],
    ['Hypercare rollback', 'PASS'],
    ['Hypercare exit criteria', 'PASS'],
  ]);
  expect(report.followUps).toEqual([]);
});

test.each<[string, Partial<WeeklyReportInput>, string, string, 'FAIL' | 'CONDITIONAL']>([
  ['an integrity defect', { dryRun: dryRun({ noPrimaryAdmin: 1 }) }, 'Migration-integrity dry-run', 'FAIL', 'FAIL'],
  ['no sampler run', { samplerRuns: [] }, 'Scheduled sampler', 'CONDITIONAL', 'CONDITIONAL'],
  [
    'a failed sampler run',
    { samplerRuns: [samplerRun(0), samplerRun(1, 'failed')] },
    'Scheduled sampler',
    'CONDITIONAL',
    'CONDITIONAL',
  ],
  [
    'a p95 over budget once',
    {
      telemetry: {
        from: start.toISOString(),
        to: end.toISOString(),
        metrics: [window('registry_lookup', { p95Ms: 400 }), window('sync_execution', { p95Ms: 120 })],
      },
    },
    'Performance budgets',
    'CONDITIONAL',
    'CONDITIONAL',
  ],
])('%s: the section and the overall verdict say so', (_name, overrides, check, section, overall) => {
  const report = buildWeeklyReport(input(overrides));
  expect(statusOf(report, check)).toBe(section);
  expect(report.status).toBe(overall);
  expect(report.followUps.length).toBeGreaterThan(0);
});

test("the week's releases are in the report, as its Markdown says them", () => {
  const releases = [
    { version: '2.1.0', schemaVersion: null, source: 'upgraded' as const, recordedAt: '2026-12-02T09:30:00.000Z' },
  ];
  const report = buildWeeklyReport(input({ releases }));
  expect(report.releases).toEqual(releases);
  expect(renderWeeklyReportMarkdown(report)).toContain('Releases this week: upgraded to 2.1.0 on 2 Dec 2026.');
  expect(renderWeeklyReportMarkdown(buildWeeklyReport(input()))).toContain('Releases this week: none.');
});

test('an event left without a primary admin (its admin erased) is a follow-up that says what to do', () => {
  const report = buildWeeklyReport(input({ dryRun: dryRun({ noPrimaryAdmin: 1 }) }));
  expect(report.followUps).toContainEqual(
    expect.stringMatching(/^Events without a primary admin: 1 \(expected 0\); .*Name a primary admin/),
  );
});

test('a site that never scanned is told so, and the week is no better than CONDITIONAL for it', () => {
  const report = buildWeeklyReport(input({ orphans: null }));
  expect(statusOf(report, 'Orphan pages')).toBe('CONDITIONAL');
  expect(report.runLog.find((entry) => entry.check === 'Orphan pages')?.detail).toMatch(/^Not measured/);
  expect(report.status).toBe('CONDITIONAL');
  expect(report.findings).toEqual([expect.objectContaining({ rule: 'orphan_scan_missing', severity: 'warning' })]);
  expect(report.followUps).toEqual([expect.stringContaining('Scan from the orphan-page cleanup macro')]);
});

test('hypercare exit criteria not met are advisory, said so where shown, and leave a sound week PASS', () => {
  const report = buildWeeklyReport(
    input({
      hypercare: {
        days: healthyDays.map((d, i) => (i === 3 ? { ...d, errors: 40 } : d)),
        worstAuthFailureRate: 0,
        refused: { calls: 0, accounts: 0 },
        sev2Reports: [],
      },
    }),
  );
  const exit = report.runLog.find((entry) => entry.check === 'Hypercare exit criteria');
  expect(exit).toMatchObject({ status: 'CONDITIONAL', advisory: true });
  expect(exit?.detail).toMatch(/^Exit criteria not met: 3 of 7 consecutive days/);
  expect(report.status).toBe('PASS');
  expect(report.runLog.filter((entry) => !entry.advisory).every((entry) => entry.status === 'PASS')).toBe(true);
});

test("a SEV-2 week's own severity counts against the hypercare exit criteria", () => {
  const report = buildWeeklyReport(
    input({
      dryRun: dryRun(),
      hypercare: { days: healthyDays, worstAuthFailureRate: 0.3, refused: { calls: 90, accounts: 9 }, sev2Reports: [] },
    }),
  );
  expect(report).toMatchObject({ status: 'FAIL', severity: 'SEV-2' });
  expect(report.hypercare?.exit).toMatchObject({ met: false, sev2Reports: 1 });
  expect(report.runLog.find((entry) => entry.check === 'Hypercare exit criteria')?.detail).toContain(
    'this one included',
  );
});

test('every week agrees with itself: the verdict is never better than a section that judges, and a PASS has no incident', () => {
  const variants: Partial<WeeklyReportInput>[] = [
    {},
    { orphans: null },
    { samplerRuns: [] },
    { dryRun: dryRun({ noPrimaryAdmin: 1 }) },
    {
      hypercare: { days: healthyDays, worstAuthFailureRate: 0.3, refused: { calls: 90, accounts: 9 }, sev2Reports: [] },
    },
    {
      telemetry: {
        from: start.toISOString(),
        to: end.toISOString(),
        metrics: [window('registry_lookup', { rateLimited: 9, worstWideRateLimited: 9 }), window('sync_execution')],
      },
    },
    { telemetry: { from: start.toISOString(), to: end.toISOString(), metrics: [window('registry_lookup')] } },
  ];
  const rank = { PASS: 0, CONDITIONAL: 1, FAIL: 2 };
  for (const overrides of variants) {
    const report = buildWeeklyReport(input(overrides));
    const judging = report.runLog.filter((entry) => !entry.advisory).map((entry) => rank[entry.status]);
    expect(rank[report.status]).toBe(Math.max(...judging));
    if (report.status === 'PASS') expect(report.severity).toBe('none');
    if (report.severity !== 'none') expect(report.status).toBe('FAIL');
  }
});

test('an error rate past the rollback rule fails the week at SEV-2 with the rollback action', () => {
  const report = buildWeeklyReport(
    input({
      telemetry: {
        from: start.toISOString(),
        to: end.toISOString(),
        metrics: [
          window('registry_lookup', { errors: 80, worstNarrowErrorRate: 0.2, worstWideErrorRate: 0.2 }),
          window('sync_execution'),
        ],
      },
    }),
  );
  expect(statusOf(report, 'Error rates')).toBe('FAIL');
  expect(report).toMatchObject({ status: 'FAIL', severity: 'SEV-2' });
  expect(report.followUps).toContain(T.error_rate.rollback.action);
});

test('budgets compare with last week', () => {
  const previous = buildWeeklyReport(input());
  const report = buildWeeklyReport(
    input({
      previous: { ...previous, id: 1 },
      telemetry: {
        from: start.toISOString(),
        to: end.toISOString(),
        metrics: [window('registry_lookup', { p95Ms: 90 }), window('sync_execution', { p95Ms: 120 })],
      },
    }),
  );
  expect(report.budgets.find((b) => b.name === 'registry_lookup')).toMatchObject({
    judgedP95Ms: 90,
    previousP95Ms: 60,
    changeMs: 30,
    changePct: 50,
  });
});
