import type { MetricWindow } from '../../src/contract/verification';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { evaluateThresholds } from '../../src/verification/threshold-rules';
import type { EvaluationInput } from '../../src/verification/threshold-rules';
import { integritySummary, metricWindow } from '../helpers/report-facts';

const T = DEFAULT_THRESHOLDS;

const window = (overrides: Partial<MetricWindow> = {}): MetricWindow => metricWindow(overrides);
const evaluate = (input: Partial<EvaluationInput>) =>
  evaluateThresholds(T, { metrics: [], probedMetrics: [], previous: null, ...input });
const rules = (input: Partial<EvaluationInput>) => evaluate(input).findings.map((f) => [f.rule, f.metric, f.severity]);

test('healthy telemetry fires no rule', () => {
  expect(evaluate({ metrics: [window(), window({ metric: 'sync_execution', p95Ms: 100 })] })).toEqual({
    findings: [],
    severity: 'none',
    state: { budgetBreachStreak: {}, missingStreak: {} },
  });
});

describe('p95 budgets', () => {
  test('one window over budget is a warning with the breach action, and starts a streak', () => {
    const result = evaluate({ metrics: [window({ p95Ms: 130 })] });
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'budget_breach',
        metric: 'registry_lookup',
        severity: 'warning',
        action: T.budgets.breach_action,
      }),
    ]);
    expect(result.state.budgetBreachStreak).toEqual({ registry_lookup: 1 });
    expect(result.severity).toBe('none');
  });

  test('a breach in 2 consecutive windows is SEV-2 with the sustained action', () => {
    const result = evaluate({
      metrics: [window({ metric: 'sync_execution', p95Ms: 240 })],
      previous: { budgetBreachStreak: { sync_execution: 1 }, missingStreak: {} },
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'budget_breach_sustained',
        severity: 'SEV-2',
        action: T.budgets.sustained_action,
      }),
    ]);
    expect(result.state.budgetBreachStreak).toEqual({ sync_execution: 2 });
  });

  test('the budget is strict (p95 must be under it) and organic p95 is judged before the probe', () => {
    expect(rules({ metrics: [window({ p95Ms: 120 })] })).toEqual([['budget_breach', 'registry_lookup', 'warning']]);
    expect(rules({ metrics: [window({ p95Ms: 119.9 })] })).toEqual([]);
    expect(rules({ metrics: [window({ p95Ms: 50 }), window({ source: 'probe', p95Ms: 500 })] })).toEqual([]);
    expect(rules({ metrics: [window({ source: 'probe', p95Ms: 500 })] })).toEqual([
      ['budget_breach', 'registry_lookup', 'warning'],
    ]);
  });

  test('a window back under budget ends the streak', () => {
    expect(
      evaluate({ metrics: [window()], previous: { budgetBreachStreak: { registry_lookup: 1 }, missingStreak: {} } })
        .state.budgetBreachStreak,
    ).toEqual({});
  });
});

describe('error rates', () => {
  test('at or over the 1 % target overall is a warning', () => {
    expect(rules({ metrics: [window({ errors: 1, count: 100 })] })).toEqual([
      ['error_rate_above_target', 'registry_lookup', 'warning'],
    ]);
    expect(rules({ metrics: [window({ errors: 0, count: 100 })] })).toEqual([]);
  });

  test('over 5 % in a 15-minute window escalates (SEV-2)', () => {
    const result = evaluate({ metrics: [window({ errors: 6, worstWideErrorRate: 0.06, worstNarrowErrorRate: 0.08 })] });
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'error_rate_escalate', severity: 'SEV-2', action: T.error_rate.escalate.action }),
    ]);
  });

  test('over 10 % in a 5-minute window recommends a rollback (SEV-2)', () => {
    const result = evaluate({ metrics: [window({ errors: 6, worstWideErrorRate: 0.06, worstNarrowErrorRate: 0.12 })] });
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'error_rate_rollback', severity: 'SEV-2', action: T.error_rate.rollback.action }),
    ]);
    expect(result.severity).toBe('SEV-2');
  });

  test('organic and probe errors count together', () => {
    expect(rules({ metrics: [window({ count: 50 }), window({ source: 'probe', count: 50, errors: 1 })] })).toEqual([
      ['error_rate_above_target', 'registry_lookup', 'warning'],
    ]);
  });
});

describe('missing metrics', () => {
  test('a metric missing after a probe is SEV-3, missing again next time is SEV-2', () => {
    const first = evaluate({ probedMetrics: ['sync_execution'], metrics: [window()] });
    expect(first.findings).toEqual([
      expect.objectContaining({ rule: 'metric_missing', metric: 'sync_execution', severity: 'SEV-3' }),
    ]);
    const second = evaluate({ probedMetrics: ['sync_execution'], metrics: [window()], previous: first.state });
    expect(second.findings).toEqual([
      expect.objectContaining({ rule: 'metric_missing_again', severity: 'SEV-2', action: T.missing_metric.action }),
    ]);
  });

  test('a metric that was not probed is not judged missing', () => {
    expect(rules({ probedMetrics: [], metrics: [] })).toEqual([]);
  });
});

describe('integrity', () => {
  const clean = integritySummary();
  test('any regression against the previous report is SEV-2', () => {
    const result = evaluate({ integrity: { current: { ...clean, noPrimaryAdmin: 1 }, previous: clean } });
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'integrity_regression',
        severity: 'SEV-2',
        detail: expect.stringContaining('Events without a primary admin 0 → 1'),
      }),
    ]);
  });

  test('a defect that was already there last week is not a new regression', () => {
    expect(
      rules({ integrity: { current: { ...clean, noSyncState: 1 }, previous: { ...clean, noSyncState: 1 } } }),
    ).toEqual([]);
  });

  test('without a previous report any defect counts, and so do zero submitted hacks', () => {
    expect(rules({ integrity: { current: { ...clean, missingPageIds: 2 }, previous: null } })).toEqual([
      ['integrity_regression', null, 'SEV-2'],
    ]);
    expect(rules({ integrity: { current: { ...clean, totalSubmittedHacks: 0 }, previous: null } })).toEqual([
      ['integrity_regression', null, 'SEV-2'],
    ]);
  });
});

test('sustained 429s (5 or more in the worst 15-minute window) are SEV-2', () => {
  expect(rules({ metrics: [window({ worstWideRateLimited: 5, rateLimited: 5 })] })).toEqual([
    ['sustained_rate_limiting', 'registry_lookup', 'SEV-2'],
  ]);
  expect(rules({ metrics: [window({ worstWideRateLimited: 4, rateLimited: 9 })] })).toEqual([]);
});
