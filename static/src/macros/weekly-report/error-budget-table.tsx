import type { WeeklyReport } from '../../../../src/contract/weekly-report';
import { countOf } from '../../../../src/contract/plural';
import { formatBudgetLeft, formatBurnRate } from '../../../../src/contract/report-format';

/** Each metric's error budget: what is left of it over its window, and how fast this week spent it. */
export function ErrorBudgetTable({ budgets }: { budgets: NonNullable<WeeklyReport['errorBudgets']> }) {
  return (
    <table className="hdc-table" data-figure="error-budgets">
      <thead>
        <tr>
          <th scope="col">Error budget</th>
          <th scope="col">Objective</th>
          <th scope="col">Left</th>
          <th scope="col">This week's burn rate</th>
        </tr>
      </thead>
      <tbody>
        {budgets.map((b) => (
          <tr key={b.metric} title={b.detail}>
            <td>
              <code>{b.metric}</code>
            </td>
            <td>
              {(b.objective * 100).toFixed(1)} % over {countOf(b.windowDays, 'day', 'days')}
            </td>
            <td>{formatBudgetLeft(b.remaining)}</td>
            <td>{formatBurnRate(b.weekBurnRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
