import { ErrorBudgetTable } from './error-budget-table';
import { formatCalendarDay } from '../../shared/calendar-day';
import type { WeeklyReport } from '../../../../src/contract/weekly-report';
import {
  formatBudgetChange,
  formatForbiddenShare,
  formatMs as ms,
  formatRate as pct,
  formatReleases,
} from '../../../../src/contract/report-format';
import { ToneLozenge } from '../../shared/badges';
import type { Tone } from '../../shared/badges';
import { useDisplayNames } from '../../shared/display-names';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';

const STATUS_TONE: Record<WeeklyReport['status'], Tone> = { PASS: 'success', FAIL: 'danger', CONDITIONAL: 'warning' };
const SEVERITY_TONE: Record<WeeklyReport['severity'], Tone> = {
  'SEV-2': 'danger',
  'SEV-3': 'warning',
  none: 'neutral',
};
const FINDING_TONE: Record<string, Tone> = { 'SEV-2': 'danger', 'SEV-3': 'warning', warning: 'neutral' };

/**
 * The report's one vocabulary: PASS, CONDITIONAL, FAIL; a check is PASS or FAIL, or not measured. An
 * advisory section informs and does not count in the verdict: it says so, in a neutral tone.
 */
export function StatusBadge({ status, advisory = false }: { status: WeeklyReport['status']; advisory?: boolean }) {
  return (
    <span data-report-status={status} data-advisory={advisory ? '' : undefined}>
      <ToneLozenge tone={advisory ? 'neutral' : STATUS_TONE[status]}>{status}</ToneLozenge>
      {advisory && (
        <>
          {' '}
          <ToneLozenge tone="information">Advisory</ToneLozenge>
        </>
      )}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: WeeklyReport['severity'] }) {
  return <ToneLozenge tone={SEVERITY_TONE[severity]}>{severity === 'none' ? 'No incident' : severity}</ToneLozenge>;
}

function Mark({ ok }: { ok: boolean | null }) {
  if (ok === null) return <span className="hdc-subtle">not measured</span>;
  return <ToneLozenge tone={ok ? 'success' : 'danger'}>{ok ? 'PASS' : 'FAIL'}</ToneLozenge>;
}

/** One report at a glance: checklists first, then findings, coverage, the run log and the per-event drill-down. */
export function ReportView({ report }: { report: WeeklyReport }) {
  const failingEvents = report.integrity.dryRun.events.filter((e) => e.defects.length > 0);
  // A person's account id reads as their name; the scheduled trigger and the CLI say what they are.
  const scheduled = report.generatedBy === 'scheduled' || report.generatedBy.startsWith('scheduled:');
  const nameOf = useDisplayNames(scheduled || report.generatedBy.startsWith('cli:') ? [] : [report.generatedBy]);
  const generator = scheduled ? 'the weekly schedule' : nameOf(report.generatedBy);
  const auth = report.hypercare?.authFailure;
  return (
    <div className="hdc-stack">
      <p className="hdc-subtle">
        Generated <RelativeTime iso={report.generatedAt} /> by {generator} · {report.environment} · canonical query “
        {report.canonicalQuery}”
        {report.previous
          ? ` · compared with the week of ${formatCalendarDay(report.previous.weekOf)} (${report.previous.status})`
          : ' · no earlier week to compare with'}
      </p>
      <p className="hdc-subtle" data-releases>
        Releases this week: {formatReleases(report.releases)}
      </p>

      <section className="hdc-section" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">Integrity checklist</h2>
        <SimpleTable
          columns={[
            { header: 'Check', cell: (item) => item.label },
            { header: 'Measured', cell: (item) => item.value },
            { header: 'Expected', cell: (item) => item.expected },
            { header: 'Result', cell: (item) => <Mark ok={item.ok} /> },
          ]}
          rows={report.integrity.checklist}
          rowKey={(item) => item.key}
        />
        <details className="hdc-details">
          <summary>
            Integrity details per event ({report.integrity.dryRun.events.length} checked, {failingEvents.length} with a
            defect)
          </summary>
          <table className="hdc-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Page</th>
                <th scope="col">Parent</th>
                <th scope="col">Primary / co-admins</th>
                <th scope="col">Sync</th>
                <th scope="col">Hacks (submitted / total)</th>
                <th scope="col">Audit rows</th>
              </tr>
            </thead>
            <tbody>
              {report.integrity.dryRun.events.map((e) => (
                <tr key={e.eventId} data-event-id={e.eventId}>
                  <td>{e.name}</td>
                  <td>{e.pageId ?? <strong>missing</strong>}</td>
                  <td>{e.parentPageId ?? <strong>missing</strong>}</td>
                  <td>
                    {e.primaryAdmins === 0 ? <strong>none</strong> : e.primaryAdmins} / {e.coAdmins}
                  </td>
                  <td>{e.syncStatus ?? <strong>no sync state</strong>}</td>
                  <td>
                    {e.submittedHacks} / {e.totalHacks}
                  </td>
                  <td>{e.auditRows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section className="hdc-section" aria-labelledby="budget-heading">
        <h2 id="budget-heading">Budget checklist</h2>
        <table className="hdc-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">p95</th>
              <th scope="col">Budget</th>
              <th scope="col">Organic p50 / p95 (n)</th>
              <th scope="col">Probe p50 / p95 (n)</th>
              <th scope="col">Change vs last week</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {report.budgets.map((b) => (
              <tr key={b.name}>
                <td>
                  <code>{b.name}</code>
                </td>
                <td>{ms(b.judgedP95Ms)}</td>
                <td>&lt; {b.budgetMs} ms</td>
                <td>
                  {b.organic
                    ? `${b.organic.p50Ms.toFixed(1)} / ${b.organic.p95Ms.toFixed(1)} ms (${b.organic.count})`
                    : '—'}
                </td>
                <td>
                  {b.probe ? `${b.probe.p50Ms.toFixed(1)} / ${b.probe.p95Ms.toFixed(1)} ms (${b.probe.count})` : '—'}
                </td>
                <td>{formatBudgetChange(b)}</td>
                <td>
                  <Mark ok={b.ok} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="hdc-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Error rate</th>
              <th scope="col">Target</th>
              <th scope="col">Last week</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {report.errorRates.map((r) => (
              <tr key={r.metric}>
                <td>
                  <code>{r.metric}</code>
                </td>
                <td>
                  {pct(r.rate)} ({r.errors} of {r.count})
                </td>
                <td>&lt; {pct(r.target)}</td>
                <td>{pct(r.previousRate)}</td>
                <td>
                  <Mark ok={r.ok} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-figure="forbidden-share">
          Refused as forbidden (people without the right, not errors): {formatForbiddenShare(auth)}
        </p>
        {report.errorBudgets ? <ErrorBudgetTable budgets={report.errorBudgets} /> : null}
      </section>

      <section className="hdc-section" aria-labelledby="findings-heading">
        <h2 id="findings-heading">Findings and follow-ups</h2>
        {report.findings.length === 0 ? (
          <p>No threshold rule fired.</p>
        ) : (
          <ul>
            {report.findings.map((f, index) => (
              <li key={`${f.rule}-${index}`}>
                <ToneLozenge tone={FINDING_TONE[f.severity] ?? 'neutral'}>{f.severity}</ToneLozenge> {f.detail}.{' '}
                <span className="hdc-subtle">Responder: {f.action}</span>
              </li>
            ))}
          </ul>
        )}
        {report.followUps.length > 0 ? (
          <>
            <h3>Follow-up actions</h3>
            <ul>
              {report.followUps.map((action) => (
                <li key={action}>{action}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="hdc-section" aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">Telemetry coverage and run log</h2>
        <ul>
          {report.coverage.map((c) => (
            <li key={c.metric}>
              <code>{c.metric}</code>: {c.seen ? 'seen' : <strong>not seen</strong>} — {c.organicCount} organic,{' '}
              {c.probeCount} probe
              {c.samples.length > 0 ? (
                <details className="hdc-details">
                  <summary>Sample telemetry lines ({c.samples.length})</summary>
                  {c.samples.map((sample) => (
                    <pre key={sample} className="hdc-sample">
                      {sample}
                    </pre>
                  ))}
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        <table className="hdc-table">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Source</th>
              <th scope="col">Result</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {report.runLog.map((entry) => (
              <tr key={entry.check}>
                <td>{entry.check}</td>
                <td>{entry.source}</td>
                <td>
                  <StatusBadge status={entry.status} advisory={entry.advisory} />
                </td>
                <td>{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hdc-subtle">Orphan pages: {report.orphanPages.note}</p>
      </section>
    </div>
  );
}
