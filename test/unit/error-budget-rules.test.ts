import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { judgeErrorBudgets } from '../../src/verification/error-budget-rules';

// 99 % over 28 days: 1 % of the calls may fail.
const figures = (windowCalls: number, windowErrors: number, weekCalls: number, weekErrors: number) => [
  { metric: 'registry_lookup', windowCalls, windowErrors, weekCalls, weekErrors },
];

test('half the allowed errors leave half the budget; a week failing at the allowed share burns at 1×', () => {
  const [registry] = judgeErrorBudgets(figures(10_000, 50, 2_500, 25), DEFAULT_THRESHOLDS);
  expect(registry).toMatchObject({
    metric: 'registry_lookup',
    objective: 0.99,
    windowDays: 28,
    calls: 10_000,
    errors: 50,
  });
  expect(registry!.remaining).toBeCloseTo(0.5, 10);
  expect(registry!.weekBurnRate).toBeCloseTo(1, 10);
  expect(registry!.detail).toBe(
    '50.0 % of the budget left (50 errors in 10,000 calls over 28 days, objective 99.0 %); this week burned it at 1.0×',
  );
});

test('an overspent budget says so, and a week of 14.4× is read as such', () => {
  const [registry] = judgeErrorBudgets(figures(1_000, 30, 1_000, 144), DEFAULT_THRESHOLDS);
  expect(registry!.remaining).toBeCloseTo(-2, 10);
  expect(registry!.weekBurnRate).toBeCloseTo(14.4, 10);
  expect(registry!.detail).toMatch(/^0\.0 % of the budget left .*, overspent; this week burned it at 14\.4×$/);
});

test('a metric without calls has nothing to judge, and every verified metric is listed', () => {
  const budgets = judgeErrorBudgets([], DEFAULT_THRESHOLDS);
  expect(budgets.map((b) => [b.metric, b.remaining, b.weekBurnRate])).toEqual([
    ['registry_lookup', null, null],
    ['sync_execution', null, null],
  ]);
  expect(budgets[0]!.detail).toBe('no calls in 28 days: nothing to judge the 99.0 % objective by');
});
