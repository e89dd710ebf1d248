import type { HealthReport, OpsSummary, SloWindow } from '../../src/contract/operations';
import type { IntegrityDryRun } from '../../src/contract/verification';
import { readinessVerdict } from '../../src/ops/readiness-verdict';
import type { ReadinessParts } from '../../src/ops/readiness-verdict';
import type { DrillReport } from '../../src/ops/recovery-drill';
import { integritySummary } from '../helpers/report-facts';

// The launch-readiness verdict: one PASS or FAIL from health, the integrity dry-run, the drill and
// the ops summary, each of which may also have failed to run.
const health = (status: HealthReport['status'], output?: string) => ({ status, output }) as HealthReport;
const dryRun = (defects: Partial<IntegrityDryRun['summary']> = {}) =>
  ({
    events: [],
    summary: integritySummary(defects),
  }) as unknown as IntegrityDryRun;
const drill = (failures: string[] = []) => ({ passed: failures.length === 0, failures }) as DrillReport;
const slo = (status: SloWindow['status'], detail: string) => ({ status, detail }) as SloWindow;
const summary = (overrides: { slo?: SloWindow[]; escalationsWaiting?: number; itemsFailed?: number } = {}) =>
  ({
    slo: overrides.slo ?? [slo('ok', 'last hour: 0.0 % errors')],
    syncBacklog: { escalationsWaiting: overrides.escalationsWaiting ?? 0 },
    cleanup: { itemsFailed: overrides.itemsFailed ?? 0 },
  }) as OpsSummary;
const parts = (overrides: Partial<ReadinessParts> = {}): ReadinessParts => ({
  health: health('pass'),
  dryRun: dryRun(),
  drill: drill(),
  summary: summary(),
  ...overrides,
});

test.each<[string, Partial<ReadinessParts>, { verdict: 'PASS' | 'FAIL'; failures: unknown[]; warnings: unknown[] }]>([
  ['all sound', {}, { verdict: 'PASS', failures: [], warnings: [] }],
  [
    'an essential health check fails',
    { health: health('fail', 'database: unreachable') },
    { verdict: 'FAIL', failures: ['health: database: unreachable'], warnings: [] },
  ],
  [
    'a health check warns',
    { health: health('warn') },
    { verdict: 'PASS', failures: [], warnings: ['health: a check warns'] },
  ],
  [
    'the dry-run finds a defect',
    { dryRun: dryRun({ noPrimaryAdmin: 2 }) },
    { verdict: 'FAIL', failures: [expect.stringMatching(/^integrity dry-run: .*primary admin.* 2/)], warnings: [] },
  ],
  [
    'the dry-run could not run',
    { dryRun: { error: 'statement timeout' } },
    { verdict: 'FAIL', failures: ['integrity dry-run could not run: statement timeout'], warnings: [] },
  ],
  [
    'the drill failed',
    { drill: drill(['RTO 1200 s is over the 900 s target', 'read: registry answers differently']) },
    {
      verdict: 'FAIL',
      failures: ['drill: RTO 1200 s is over the 900 s target; read: registry answers differently'],
      warnings: [],
    },
  ],
  [
    'the drill could not run',
    { drill: { error: 'no room' } },
    { verdict: 'FAIL', failures: ['drill could not run: no room'], warnings: [] },
  ],
  [
    'the summary could not be read',
    { summary: { error: 'forbidden' } },
    { verdict: 'FAIL', failures: ['ops summary could not be read: forbidden'], warnings: [] },
  ],
  [
    'an SLO window is at rollback level, another over target',
    { summary: summary({ slo: [slo('rollback', 'hour: 12 % errors'), slo('over_target', 'day: 2 % errors')] }) },
    { verdict: 'FAIL', failures: ['SLO: hour: 12 % errors'], warnings: ['SLO: day: 2 % errors'] },
  ],
  [
    'too few calls to judge is no finding',
    { summary: summary({ slo: [slo('too_few_to_judge', 'hour: 3 calls')] }) },
    { verdict: 'PASS', failures: [], warnings: [] },
  ],
  [
    'escalations wait and cleanup items failed',
    { summary: summary({ escalationsWaiting: 2, itemsFailed: 1 }) },
    {
      verdict: 'PASS',
      failures: [],
      warnings: ['2 sync escalations waiting for a note', '1 cleanup item failed'],
    },
  ],
])('%s', (_name, overrides, expected) => {
  expect(readinessVerdict(parts(overrides))).toEqual(expected);
});

test('every failing part is listed, in the order of the report', () => {
  const verdict = readinessVerdict(
    parts({ health: health('fail'), dryRun: { error: 'x' }, drill: { error: 'y' }, summary: { error: 'z' } }),
  );
  expect(verdict.failures.map((line) => line.split(':')[0])).toEqual([
    'health',
    'integrity dry-run could not run',
    'drill could not run',
    'ops summary could not be read',
  ]);
});
