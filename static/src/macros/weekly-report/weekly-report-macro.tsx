import { relativeTime } from '../../shared/relative-time';
import { formatCalendarDay } from '../../shared/calendar-day';
import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import Select from '@atlaskit/select';
import { verdictSentence } from '../../../../src/contract/report-verdict';
import { useMemo, useState } from 'react';
import type { ErrorBody } from '../../../../src/contract/envelope';
import type { Release, StoredReportSummary } from '../../../../src/contract/weekly-report';
import { callResolver } from '../../shared/backend';
import { OpsSummaryPanel } from '../../features/ops-status/ops-summary-panel';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { useMacroContext } from '../../shared/macro-context';
import { ReportView, SeverityBadge, StatusBadge } from './report-view';
import { TrendChart } from './trend-chart';
import type { ReleaseMarker, TrendSeries } from './trend-chart';
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

/**
 * Trend lines, one point per week (the latest report of each week: a report regenerated in the
 * same week replaces the week's point), oldest first: p95 per budget against its budget, and the
 * error rate of each metric against the target.
 */
function useTrends(reports: StoredReportSummary[], releases: readonly Release[]) {
  return useMemo(() => {
    const byWeek = new Map<string, StoredReportSummary>();
    for (const report of reports) if (!byWeek.has(report.weekOf)) byWeek.set(report.weekOf, report); // newest first
    const ordered = [...byWeek.values()].sort((a, b) => (a.weekOf < b.weekOf ? -1 : 1));
    const labels = ordered.map((r) => formatCalendarDay(r.weekOf, 'axis'));
    const budgetNames = ordered.at(-1)?.budgets.map((b) => b.name) ?? [];
    const budgetCharts = budgetNames.map((name) => {
      const of = (r: StoredReportSummary) => r.budgets.find((b) => b.name === name);
      const series: TrendSeries[] = [
        {
          label: 'p95',
          values: ordered.map((r) => of(r)?.judgedP95Ms ?? null),
          colorToken: '--ds-chart-categorical-1',
        },
        {
          label: 'budget',
          values: ordered.map((r) => of(r)?.budgetMs ?? null),
          colorToken: '--ds-chart-danger',
          dash: [6, 4],
          reference: true,
        },
      ];
      return { name, series };
    });
    const metrics = ordered.at(-1)?.errorRates.map((r) => r.metric) ?? [];
    const errorSeries: TrendSeries[] = [
      ...metrics.map((metric, index) => ({
        label: metric,
        values: ordered.map((r) => {
          const rate = r.errorRates.find((e) => e.metric === metric)?.rate;
          return rate === undefined || rate === null ? null : rate * 100;
        }),
        colorToken: index === 0 ? '--ds-chart-categorical-1' : '--ds-chart-categorical-3',
        ...(index === 0 ? {} : { dash: [2, 3] }),
      })),
      {
        label: 'target',
        values: ordered.map((r) => (r.errorRates[0] ? r.errorRates[0].target * 100 : null)),
        colorToken: '--ds-chart-danger',
        dash: [6, 4],
        reference: true,
      },
    ];
    // A release marks the first week whose report was generated after it: the first point it can move.
    const markers: ReleaseMarker[] = releases.flatMap((release) => {
      const index = ordered.findIndex((r) => r.generatedAt > release.recordedAt);
      const what = { migrate: 'Release', installed: 'Installed', upgraded: 'Upgraded to' }[release.source];
      return index === -1 ? [] : [{ index, label: `${what} ${release.version}` }];
    });
    return { labels, budgetCharts, errorSeries, markers };
  }, [reports, releases]);
}

export function WeeklyReportMacro() {
  const context = useMacroContext();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [history, reloadHistory] = useResolver(
    context === null ? null : () => callResolver('report.list', {}),
    'history',
  );
  const hasReports = history.phase === 'ready' && history.data.reports.length > 0;
  const [report, reloadReport] = useResolver(
    hasReports ? () => callResolver('report.get', selected === undefined ? {} : { id: selected }) : null,
    `report:${hasReports ? String(selected ?? 'latest') : '-'}`,
  );
  const [action, setAction] = useState<{ running: 'generate' | 'download' | null; error: ErrorBody | null }>({
    running: null,
    error: null,
  });
  const trends = useTrends(
    history.phase === 'ready' ? history.data.reports : [],
    history.phase === 'ready' ? history.data.releases : [],
  );

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
    <Button
      appearance="primary"
      isDisabled={!viewerIsOperator || action.running !== null}
      aria-describedby={viewerIsOperator ? undefined : 'generate-blocked'}
      onClick={() => void generate()}
    >
      {action.running === 'generate' ? 'Generating…' : 'Generate now'}
    </Button>
  );
  const operatorNote = viewerIsOperator ? null : (
    <p id="generate-blocked" className="hdc-subtle">
      Generating on demand is for HDC operators; the report is also generated every week.
    </p>
  );
  const status = (
    <div role="status" aria-live="polite">
      {action.running === 'generate' ? <ProgressBar isIndeterminate ariaLabel="Generating the weekly report" /> : null}
    </div>
  );

  if (reports.length === 0) {
    return (
      <main className="hdc-card hdc-stack" aria-labelledby="report-heading">
        <h1 id="report-heading">Weekly verification</h1>
        <Empty title="No weekly report yet">
          The first one is generated by the weekly schedule, or now by an operator.
        </Empty>
        <div className="hdc-row">{generateButton}</div>
        {operatorNote}
        {status}
        {action.error ? <ErrorNotice error={action.error} /> : null}
      </main>
    );
  }

  const shown = report.phase === 'ready' ? report.data : null;
  const historyOptions = reports.map((r) => ({
    value: r.id,
    label: `Week of ${formatCalendarDay(r.weekOf)} · ${r.status} · generated ${relativeTime(r.generatedAt)}`,
  }));
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="report-heading">
      <header className="hdc-stack">
        <h1 id="report-heading">Weekly verification{shown ? ` — week of ${formatCalendarDay(shown.weekOf)}` : ''}</h1>
        {shown ? (
          <>
            <div className="hdc-row">
              <StatusBadge status={shown.status} />
              <SeverityBadge severity={shown.severity} />
            </div>
            <p data-verdict>{verdictSentence(shown.status, shown.severity)}</p>
          </>
        ) : null}
        <div className="hdc-row">
          {generateButton}
          <Button isDisabled={action.running !== null || shown === null} onClick={() => void exportMarkdown(shown?.id)}>
            Download Markdown
          </Button>
          <div className="hdc-grow">
            <Select
              inputId="report-history"
              label="History"
              options={historyOptions}
              value={historyOptions.find((option) => option.value === (selected ?? reports[0]?.id)) ?? null}
              onChange={(option) => {
                if (option) setSelected(option.value);
              }}
            />
          </div>
        </div>
        {operatorNote}
        {status}
        {action.error ? <ErrorNotice error={action.error} /> : null}
      </header>

      {viewerIsOperator ? <OpsSummaryPanel refreshKey={String(reports[0]?.id ?? 'none')} /> : null}

      <section className="hdc-section" aria-labelledby="trend-heading">
        <h2 id="trend-heading">
          Trend over {trends.labels.length} week{trends.labels.length === 1 ? '' : 's'}
        </h2>
        <div className="hdc-charts">
          {trends.budgetCharts.map((chart) => (
            <TrendChart
              key={chart.name}
              title={`${chart.name} p95 against its budget`}
              labels={trends.labels}
              markers={trends.markers}
              series={chart.series}
              unit="ms"
              format={(value) => `${value.toFixed(1)} ms`}
            />
          ))}
          <TrendChart
            title="Error rate per metric"
            labels={trends.labels}
            markers={trends.markers}
            series={trends.errorSeries}
            unit="%"
            format={(value) => `${value.toFixed(2)} %`}
          />
        </div>
      </section>

      {report.phase === 'loading' ? <Loading what="the report" /> : null}
      {report.phase === 'failed' ? <ErrorNotice error={report.error} onRetry={reloadReport} /> : null}
      {shown ? <ReportView report={shown} /> : null}
    </main>
  );
}
