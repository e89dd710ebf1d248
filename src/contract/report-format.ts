import type { BudgetCheck } from './weekly-report';

/** How figures read in the weekly report, in Markdown and in the macro alike. Pure, no dependencies. */
export const formatMs = (value: number | null): string => (value === null ? 'not measured' : `${value.toFixed(1)} ms`);

export const formatRate = (rate: number | null): string =>
  rate === null ? 'no calls' : `${(rate * 100).toFixed(2)} %`;

export function formatBudgetChange(budget: BudgetCheck): string {
  if (budget.changeMs === null) return 'no previous week';
  const sign = budget.changeMs > 0 ? '+' : '';
  const percent = budget.changePct === null ? '' : ` (${sign}${budget.changePct.toFixed(1)} %)`;
  return `${sign}${budget.changeMs.toFixed(1)} ms${percent}`;
}
