import { percent } from '../contract/report-format';
import type { ErrorBudget, ErrorBudgetFigures } from '../contract/verification';
import { VERIFIED_METRICS } from '../contract/verification';
import { countOf } from '../contract/plural';
import type { Thresholds } from './thresholds';

/**
 * The error budgets, per metric: the share of calls that may fail is 1 − objective over the rolling
 * window; `remaining` is what the window's errors left of it, `weekBurnRate` how many times faster
 * than that share the last 7 days failed (1×: the budget lasts exactly the window). Pure.
 */
export function judgeErrorBudgets(figures: readonly ErrorBudgetFigures[], thresholds: Thresholds): ErrorBudget[] {
  const { window_days: windowDays, objectives } = thresholds.error_budgets;
  return VERIFIED_METRICS.map((metric) => {
    const objective = objectives[metric];
    const allowed = 1 - objective;
    const found = figures.find((f) => f.metric === metric);
    const calls = found?.windowCalls ?? 0;
    const errors = found?.windowErrors ?? 0;
    const weekCalls = found?.weekCalls ?? 0;
    const remaining = calls === 0 ? null : 1 - errors / calls / allowed;
    const weekBurnRate = weekCalls === 0 ? null : (found?.weekErrors ?? 0) / weekCalls / allowed;
    const detail =
      remaining === null
        ? `no calls in ${countOf(windowDays, 'day', 'days')}: nothing to judge the ${percent(objective)} objective by`
        : `${percent(Math.max(remaining, 0))} of the budget left (${countOf(errors, 'error', 'errors')} in ${countOf(calls, 'call', 'calls')} over ${countOf(windowDays, 'day', 'days')}, objective ${percent(objective)})` +
          (remaining < 0 ? ', overspent' : '') +
          (weekBurnRate === null ? '' : `; this week burned it at ${weekBurnRate.toFixed(1)}×`);
    return { metric, objective, windowDays, calls, errors, remaining, weekBurnRate, detail };
  });
}
