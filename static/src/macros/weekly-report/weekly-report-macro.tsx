import { useMemo, useState } from 'react';
import type { ErrorBody } from '../../../../src/contract/envelope';
import type { StoredReportSummary } from '../../../../src/contract/weekly-report';
import { callResolver } from '../../shared/backend';
import { OpsSummaryPanel } from './ops-summary-panel';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { useMacroContext } from '../../shared/macro-context';
import { ReportView, SeverityBadge, StatusBadge } from './report-view';
import { TrendChart } from './trend-chart';
import type { TrendSeries } from './trend-chart';
import './weekly-report.css';

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Trend lines over the stored reports, oldest first: p95 per budget against its budget, and error rates. */
function useTrends(reports: StoredReportSummary[]) {
  return useMemo(() => {
    const ordered = [...reports].reverse();
    const labels = ordered.map((r) => `${r.weekOf.slice(5)} #${r.id}`);
    const budgetNames = ordered[0]?.budgets.map((b) => b.name) ?? [];
    const budgetCharts = budgetNames.map((name) => {
      const of = (r: StoredReportSummary) => r.budgets.find((b) => b.name === name);
      const series: TrendSeries[] = [
        { label: 'p95', values: ordered.map((r) => of(r)?.judgedP95Ms ?? null), colorToken: '--ds-chart-categorical-1' },
        { label: 'budget', values: ordered.map((r) => of(r)?.budgetMs ?? null), colorToken: '--ds-chart-danger', dashed: true },
      ];
      return { name, series };
    });
    const metrics = ordered[0]?.errorRates.map((r) => r.metric) ?? [];
    const errorSeries: TrendSeries[] = [
      ...metrics.map((metric, index) => ({
        label: metric,
        values: ordered.map((r) => {
          const rate = r.errorRates.find((e) => e.metric === metric)?.rate;
          return rate === undefined || rate === null ? null : rate * 100;
        }),
        colorToken: index === 0 ? '--ds-chart-categorical-1' : '--ds-chart-categorical-2',
      })),
      {
        label: 'target',
        values: ordered.map((r) => (r.errorRates[0] ? r.errorRates[0].target * 100 : null)),
        colorToken: '--ds-chart-danger',
        dashed: true,
      },
    ];
    return { labels, budgetCharts, errorSeries };
  }, [reports]);
}

export function WeeklyReportMacro() {
  const context = useMacroContext();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [history, reloadHistory] = useResolver(context === null ? null : () => callResolver('report.list', {}), 'history');
  const hasReports = history.phase === 'ready' && history.data.reports.length > 0;
  const [report, reloadReport] = useResolver(
    hasReports ? () => callResolver('report.get', selected === undefined ? {} : { id: selected }) : null,
    `report:${hasReports ? String(selected ?? 'latest') : '-'}`,
  );
  const [action, setAction] = useState<{ running: 'generate' | 'download' | null; error: ErrorBody | null }>({ running: null, error: null });
  const trends = useTrends(history.phase === 'ready' ? history.data.reports : []);

  if (context === null || history.phase === 'loading') return <Loading what="the weekly report" />;
  if (history.phase === 'failed') return <ErrorNotice error={history.error} onRetry={reloadHistory} />;
  const { reports, viewerIsOperator } = history.data;

  async function generate() {
    setAction({ running: 'generate', error: null });
    const reply = await callResolver('report.generate', { idempotencyKey: newIdempotencyKey() });
    setAction({ running: null, error: reply.ok ? null : reply.error });
    if (reply.ok) {
      setSelected(undefined);
      reloadHistory();
      reloadReport();
    }
  }
  async function exportMarkdown(id: number | undefined) {
    setAction({ running: 'download', error: null });
    const reply = await callResolver('report.markdown', id === undefined ? {} : { id });
    setAction({ running: null, error: reply.ok ? null : reply.error });
    if (reply.ok) download(reply.data.fileName, reply.data.markdown);
  }

  const generateButton = (
    <button
      type="button"
      className="hdc-button hdc-button-primary"
      disabled={!viewerIsOperator || action.running !== null}
      aria-describedby={viewerIsOperator ? undefined : 'generate-blocked'}
      onClick={() => void generate()}
    >
      {action.running === 'generate' ? 'Generating…' : 'Generate now'}
    </button>
  );
  const operatorNote = viewerIsOperator ? null : (
    <p id="generate-blocked" className="hdc-subtle">Generating on demand is for HDC operators; the report is also generated every week.</p>
  );
  const status = (
    <div role="status" aria-live="polite">
      {action.running === 'generate' ? <progress className="hdc-progress" aria-label="Generating the weekly report" /> : null}
    </div>
  );

  if (reports.length === 0) {
    return (
      <main className="hdc-card hdc-stack" aria-labelledby="report-heading">
        <h1 id="report-heading">Weekly verification</h1>
        <Empty title="No weekly report yet">The first one is generated by the weekly schedule, or now by an operator.</Empty>
        <div className="hdc-row">{generateButton}</div>
        {operatorNote}
        {status}
        {action.error ? <ErrorNotice error={action.error} /> : null}
      </main>
    );
  }

  const shown = report.phase === 'ready' ? report.data : null;
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="report-heading">
      <header className="hdc-stack">
        <h1 id="report-heading">Weekly verification{shown ? ` — week of ${shown.weekOf}` : ''}</h1>
        {shown ? (
          <div className="hdc-row">
            <StatusBadge status={shown.status} />
            <SeverityBadge severity={shown.severity} />
          </div>
        ) : null}
        <div className="hdc-row">
          {generateButton}
          <button type="button" className="hdc-button" disabled={action.running !== null || shown === null} onClick={() => void exportMarkdown(shown?.id)}>
            Download Markdown
          </button>
          <label htmlFor="report-history">History</label>
          <select
            id="report-history"
            className="hdc-input"
            value={selected ?? reports[0]?.id ?? ''}
            onChange={(event) => setSelected(Number(event.target.value))}
          >
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.weekOf} · {r.status} · #{r.id}
              </option>
            ))}
          </select>
        </div>
        {operatorNote}
        {status}
        {action.error ? <ErrorNotice error={action.error} /> : null}
      </header>

      {viewerIsOperator ? <OpsSummaryPanel /> : null}

      <section className="hdc-section" aria-labelledby="trend-heading">
        <h2 id="trend-heading">Trend over {reports.length} report{reports.length === 1 ? '' : 's'}</h2>
        <div className="hdc-charts">
          {trends.budgetCharts.map((chart) => (
            <TrendChart key={chart.name} title={`${chart.name} p95 against its budget`} labels={trends.labels} series={chart.series} unit="ms" />
          ))}
          <TrendChart title="Error rate per metric" labels={trends.labels} series={trends.errorSeries} unit="%" />
        </div>
      </section>

      {report.phase === 'loading' ? <Loading what="the report" /> : null}
      {report.phase === 'failed' ? <ErrorNotice error={report.error} onRetry={reloadReport} /> : null}
      {shown ? <ReportView report={shown} /> : null}
    </main>
  );
}
