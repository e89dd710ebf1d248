import { percent } from '../contract/report-format';
import type { Finding, Severity } from '../contract/verification';
import type { Hypercare, HypercareFigures } from '../contract/weekly-report';
import { countOf } from '../contract/plural';
import { calls, people, refusalsAreEvidence } from './evidence-rules';
import type { Thresholds } from './thresholds';

/**
 * The hypercare rollback rule: roll back when calls refused as forbidden pass their share in a
 * window with enough evidence (hdc_hypercare_figures judges only windows with enough calls, people
 * calling and people refused). Pure.
 */
export function judgeHypercareRollback(
  figures: HypercareFigures,
  thresholds: Thresholds,
): { authFailure: Hypercare['authFailure']; detail: string; findings: Finding[] } {
  const rule = thresholds.hypercare.auth_failure_rollback;
  const breached = figures.worstAuthFailureRate !== null && figures.worstAuthFailureRate > rule.rate;
  const { refused } = figures;
  const refusals =
    refused.calls === 0
      ? 'no call refused as forbidden'
      : `${calls(refused.calls)} refused as forbidden by ${people(refused.accounts)}` +
        (refusalsAreEvidence(refused.accounts, thresholds) ? '' : ' (too few people to point at the release)');
  const worst =
    figures.worstAuthFailureRate === null
      ? 'no window with enough evidence to judge'
      : `worst ${rule.window_minutes}-minute window ${percent(figures.worstAuthFailureRate)}`;
  const findings: Finding[] = breached
    ? [
        {
          rule: 'auth_failure_rollback',
          metric: null,
          severity: rule.severity,
          detail: `${percent(figures.worstAuthFailureRate ?? 0)} of calls refused as forbidden in a ${rule.window_minutes}-minute window (rollback at ${percent(rule.rate)}); ${refusals}`,
          action: rule.action,
        },
      ]
    : [];
  return {
    authFailure: {
      worstRate: figures.worstAuthFailureRate,
      windowMinutes: rule.window_minutes,
      rollbackRate: rule.rate,
      breached,
      refusedCalls: refused.calls,
      refusedAccounts: refused.accounts,
    },
    detail: `auth failures: ${worst} (rollback at ${percent(rule.rate)}); ${refusals}`,
    findings,
  };
}

/**
 * The hypercare exit criteria (advisory: they inform, they do not judge the week): every one of the
 * last `exit_days` days had calls and an error rate under error_rate.target, and no SEV-2 report in
 * them — this report included, so a report that is itself SEV-2 never says the criteria are met.
 * A day without calls breaks the run: nothing was measured. Pure.
 */
export function judgeHypercareExit(
  figures: HypercareFigures,
  thresholds: Thresholds,
  thisReport: Severity,
): Hypercare['exit'] {
  const target = thresholds.error_rate.target;
  const required = thresholds.hypercare.exit_days;
  let consecutiveDays = 0;
  for (const day of [...figures.days].reverse()) {
    if (day.calls === 0 || day.errors / day.calls >= target) break;
    consecutiveDays += 1;
  }
  const sev2Reports = figures.sev2Reports.length + (thisReport === 'SEV-2' ? 1 : 0);
  const met = consecutiveDays >= required && sev2Reports === 0;
  const days = countOf(consecutiveDays, 'consecutive day', 'consecutive days');
  const sev2 =
    sev2Reports === 0
      ? `no SEV-2 report in ${countOf(required, 'day', 'days')}`
      : `${countOf(sev2Reports, 'SEV-2 report', 'SEV-2 reports')} in the last ${countOf(required, 'day', 'days')}${thisReport === 'SEV-2' ? ', this one included' : ''}`;
  const detail = met
    ? `Exit criteria met: ${days} under the ${percent(target)} error-rate target and ${sev2}.`
    : `Exit criteria not met: ${consecutiveDays} of ${countOf(required, 'consecutive day', 'consecutive days')} under the ${percent(target)} error-rate target` +
      (sev2Reports > 0 ? `, ${sev2}` : '') +
      '.';
  return { met, consecutiveDays, requiredDays: required, sev2Reports, detail };
}
