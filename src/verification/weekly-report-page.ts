import { verdictSentence } from '../contract/report-verdict';
import { formatBudgetLeft, formatBurnRate, formatMs, formatRate, formatReleases } from '../contract/report-format';
import type { WeeklyReport } from '../contract/weekly-report';
import { runLogResult } from '../contract/weekly-report';
import { escapeXml, heading, mention, pageDay, pageTime, paragraph, strong, table } from '../confluence/storage-format';

/** One page per week: generating the week's report again rewrites it. */
export const weeklyReportTitle = (report: Pick<WeeklyReport, 'weekOf'>): string =>
  `HDC weekly verification — week of ${pageDay(report.weekOf)}`;

/**
 * The weekly report as a Confluence page in storage format: the verdict sentence, the run log, the
 * budgets and error rates, the findings and follow-ups. A FAIL mentions the responders (the site's
 * HDC operators), so that Confluence notifies them; other verdicts mention no one.
 */
export function weeklyReportBody(report: WeeklyReport, responders: readonly string[]): string {
  const fail = report.status === 'FAIL';
  const parts = [
    paragraph(
      `${strong(`${report.status}${report.severity === 'none' ? '' : ` · ${report.severity}`}`)} ${escapeXml(verdictSentence(report.status, report.severity))}`,
    ),
    ...(fail && responders.length > 0
      ? [paragraph(`${strong('Responders:')} ${responders.map(mention).join(' ')}`)]
      : []),
    paragraph(
      escapeXml(
        `Period ${pageTime(report.periodStart)} to ${pageTime(report.periodEnd)}; generated ${pageTime(report.generatedAt)} by ${report.generatedBy} (${report.environment}).`,
      ),
    ),
    paragraph(escapeXml(`Releases this week: ${formatReleases(report.releases)}.`)),
    heading('Checks'),
    table(
      ['Check', 'Result', 'Detail'],
      report.runLog.map((entry) => [entry.check, runLogResult(entry), entry.detail]),
    ),
    heading('Latency budgets'),
    table(
      ['Metric', 'p95', 'Budget', 'Within'],
      report.budgets.map((budget) => [
        budget.name,
        formatMs(budget.judgedP95Ms),
        `${budget.budgetMs} ms`,
        budget.ok === null ? 'not measured' : budget.ok ? 'yes' : 'no',
      ]),
    ),
    heading('Error rates'),
    table(
      ['Metric', 'Error rate', 'Target', 'Within'],
      report.errorRates.map((rate) => [
        rate.metric,
        `${formatRate(rate.rate)} (${rate.errors} of ${rate.count})`,
        formatRate(rate.target),
        rate.ok === null ? 'not measured' : rate.ok ? 'yes' : 'no',
      ]),
    ),
    ...(report.errorBudgets === undefined || report.errorBudgets.length === 0
      ? []
      : [
          heading('Error budgets'),
          table(
            ['Metric', 'Budget left', 'Burn this week'],
            report.errorBudgets.map((budget) => [
              budget.metric,
              formatBudgetLeft(budget.remaining),
              formatBurnRate(budget.weekBurnRate),
            ]),
          ),
        ]),
    heading('Findings'),
    report.findings.length === 0
      ? paragraph(escapeXml('None.'))
      : `<ul>${report.findings.map((finding) => `<li>${strong(finding.severity)} ${escapeXml(finding.detail)}</li>`).join('')}</ul>`,
    ...(report.followUps.length === 0
      ? []
      : [heading('Follow-ups'), `<ul>${report.followUps.map((item) => `<li>${escapeXml(item)}</li>`).join('')}</ul>`]),
    paragraph(
      `<sub>${escapeXml(`HDC Ops report ${report.id ?? ''}; this page is rewritten when the week's report is generated again.`)}</sub>`,
    ),
  ];
  return parts.join('');
}
