import { AlertList } from './alert-list';
import './ops-status.css';
import { formatBudgetLeft, formatBurnRate } from '../../../../src/contract/report-format';
import { countOf } from '../../../../src/contract/plural';
import Button from '@atlaskit/button/new';
import type { OpsSummary } from '../../../../src/contract/operations';
import { ToneLozenge } from '../../shared/badges';
import type { Tone } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';
import { ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';

const HEALTH_TONE: Record<OpsSummary['health']['status'], Tone> = { pass: 'success', warn: 'warning', fail: 'danger' };
const SLO_TONE: Record<OpsSummary['slo'][number]['status'], Tone> = {
  ok: 'success',
  over_target: 'warning',
  rollback: 'danger',
  too_few_to_judge: 'neutral',
};
const SLO_LABEL = {
  ok: 'Within target',
  over_target: 'Over target',
  rollback: 'Rollback',
  too_few_to_judge: 'Too few to judge',
} as const;

function Lines({ summary }: { summary: OpsSummary }) {
  const backlog = summary.syncBacklog;
  const backup = summary.posture.newestBackup;
  const drill = summary.posture.lastDrill;
  const failedRuns = summary.scheduledRunsFailed24h;
  return (
    <dl className="hdc-facts">
      <dt>Health</dt>
      <dd>
        <ToneLozenge tone={HEALTH_TONE[summary.health.status]}>{summary.health.status.toUpperCase()}</ToneLozenge>{' '}
        {summary.health.output ?? 'Every dependency answers.'}
      </dd>
      <dt>Sync backlog</dt>
      <dd>
        {backlog.partial} partial, {backlog.failed} failed,{' '}
        {countOf(backlog.escalationsWaiting, 'escalation', 'escalations')} waiting
        {backlog.oldest ? (
          <>
            {' '}
            — oldest: {backlog.oldest.name} ({backlog.oldest.status}, <RelativeTime iso={backlog.oldest.since} />)
          </>
        ) : null}
      </dd>
      <dt>Orphan cleanup</dt>
      <dd>
        {countOf(summary.cleanup.plansExecuting, 'plan', 'plans')} running,{' '}
        {countOf(summary.cleanup.itemsPending, 'item', 'items')} pending, {summary.cleanup.itemsFailed} failed
      </dd>
      <dt>Scheduled runs</dt>
      <dd>
        {failedRuns.count === 0
          ? 'None failed in 24 hours'
          : `${failedRuns.count} failed in 24 hours (${failedRuns.jobs.join(', ')})`}
      </dd>
      {summary.slo.map((window) => (
        <div key={window.window} className="hdc-facts-row">
          <dt>Error rate, {window.window === 'lastHour' ? 'last hour' : 'last 24 hours'}</dt>
          <dd>
            <ToneLozenge tone={SLO_TONE[window.status]}>{SLO_LABEL[window.status]}</ToneLozenge> {window.detail}
          </dd>
        </div>
      ))}
      <dt>Error budgets</dt>
      <dd>
        <ul className="hdc-plain-list">
          {summary.budgets.map((budget) => (
            <li key={budget.metric} data-budget={budget.metric}>
              <code>{budget.metric}</code>: {formatBudgetLeft(budget.remaining)} left, this week at{' '}
              {formatBurnRate(budget.weekBurnRate)}
            </li>
          ))}
        </ul>
      </dd>
      <dt>Privacy report</dt>
      <dd data-privacy-report>
        {summary.privacy.lastOutcome === null ? (
          'None completed yet: the daily privacy report reports every stored account to Atlassian'
        ) : (
          <>
            Completed <RelativeTime iso={summary.privacy.lastOutcome.finishedAt} />:{' '}
            {countOf(summary.privacy.lastOutcome.reported, 'account', 'accounts')} reported,{' '}
            {summary.privacy.lastOutcome.closed} closed and erased
          </>
        )}
        {summary.privacy.lastError === null ? null : (
          <>
            {' '}
            <ToneLozenge tone="warning">Last run stopped</ToneLozenge> {summary.privacy.lastError.message}
          </>
        )}
      </dd>
      <dt>Newest backup</dt>
      <dd>
        {backup ? (
          <>
            <RelativeTime iso={backup.snapshotAt} /> ({backup.fileName})
          </>
        ) : (
          'None yet: operators take backups with the operations kit (runbook: Operations kit)'
        )}
      </dd>
      <dt>Last drill</dt>
      <dd>
        {drill ? (
          <>
            {drill.passed ? 'Passed' : 'Failed'} <RelativeTime iso={drill.ranAt} />
            {drill.rtoMs === null ? null : `, RTO ${(drill.rtoMs / 1000).toFixed(1)} s`}
          </>
        ) : (
          'None yet: operators run drills with the operations kit (runbook: Operations kit)'
        )}
      </dd>
      <dt>Schema</dt>
      <dd>version {summary.posture.schemaVersion ?? 'none'}</dd>
    </dl>
  );
}

/** Readiness check by check (application/health+json): what the Health line sums up. */
function ReadinessChecks({ health }: { health: OpsSummary['health'] }) {
  const rows = Object.entries(health.checks).flatMap(([name, checks]) =>
    checks.map((check, index) => ({ name, index, check })),
  );
  return (
    <SimpleTable
      label="Readiness checks"
      columns={[
        { header: 'Check', cell: ({ name }) => <code>{name}</code> },
        {
          header: 'Status',
          cell: ({ check }) => <ToneLozenge tone={HEALTH_TONE[check.status]}>{check.status.toUpperCase()}</ToneLozenge>,
        },
        {
          header: 'Observed',
          cell: ({ check }) =>
            check.observedValue === null
              ? '—'
              : `${String(check.observedValue)}${check.observedUnit ? ` ${check.observedUnit}` : ''}`,
        },
        { header: 'Detail', cell: ({ check }) => check.output ?? '' },
      ]}
      rows={rows}
      rowKey={({ name, index }) => `${name}:${index}`}
      rowData={({ name }) => ({ 'data-readiness-check': name })}
    />
  );
}

/**
 * The ops summary, for HDC operators (the backend checks it and audits every read), as of the moment
 * it was read; read again whenever `refreshKey` changes (a report generated). With `readiness`, each
 * readiness check too (the operators' console).
 */
export function OpsSummaryPanel({ refreshKey, readiness = false }: { refreshKey: string; readiness?: boolean }) {
  const [summary, reload] = useResolver(() => callResolver('ops.summary', {}), `ops-summary:${refreshKey}`);
  return (
    <section className="hdc-section" aria-labelledby="ops-summary-heading">
      <h2 id="ops-summary-heading">Operations now</h2>
      {summary.phase === 'ready' ? (
        <p className="hdc-subtle" data-ops-as-of>
          As of <RelativeTime iso={summary.data.generatedAt} />{' '}
          <Button appearance="subtle" spacing="compact" onClick={reload}>
            Refresh
          </Button>
        </p>
      ) : null}
      {summary.phase === 'loading' ? <Loading what="the ops summary" /> : null}
      {summary.phase === 'failed' ? <ErrorNotice error={summary.error} onRetry={reload} /> : null}
      {summary.phase === 'ready' ? <Lines summary={summary.data} /> : null}
      {summary.phase === 'ready' && readiness ? (
        <>
          <h3 id="readiness-heading">Readiness</h3>
          <ReadinessChecks health={summary.data.health} />
        </>
      ) : null}
      <h3 id="alerts-heading">Alerts</h3>
      <AlertList refreshKey={`${refreshKey}:${summary.phase === 'ready' ? summary.data.generatedAt : ''}`} />
    </section>
  );
}
