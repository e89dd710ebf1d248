import type { Finding } from '../contract/verification';
import type { Hypercare, HypercareFigures } from '../contract/weekly-report';
import type { Thresholds } from './thresholds';

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/**
 * The hypercare rules: roll back when calls refused as forbidden pass their share in any window;
 * hypercare may end when every one of the last `exit_days` days had calls and an error rate under
 * error_rate.target, with no SEV-2 report in them. A day without calls breaks the run: nothing was measured.
 */
export function judgeHypercare(
  figures: HypercareFigures,
  thresholds: Thresholds,
): { hypercare: Hypercare; findings: Finding[] } {
  const rule = thresholds.hypercare.auth_failure_rollback;
  const target = thresholds.error_rate.target;
  const required = thresholds.hypercare.exit_days;
  let consecutiveDays = 0;
  for (const day of [...figures.days].reverse()) {
    if (day.calls === 0 || day.errors / day.calls >= target) break;
    consecutiveDays += 1;
  }
  const sev2Reports = figures.sev2Reports.length;
  const met = consecutiveDays >= required && sev2Reports === 0;
  const detail = met
    ? `Exit criteria met: ${consecutiveDays} consecutive day(s) under the ${percent(target)} error-rate target and no SEV-2 report in ${required} days.`
    : `Exit criteria not met: ${consecutiveDays} of ${required} consecutive day(s) under the ${percent(target)} error-rate target` +
      `${sev2Reports > 0 ? `, ${sev2Reports} SEV-2 report(s) in the last ${required} days` : ''}.`;
  const breached = figures.worstAuthFailureRate !== null && figures.worstAuthFailureRate > rule.rate;
  const findings: Finding[] = breached
    ? [
        {
          rule: 'auth_failure_rollback',
          metric: null,
          severity: rule.severity,
          detail: `${percent(figures.worstAuthFailureRate ?? 0)} of calls refused as forbidden in a ${rule.window_minutes}-minute window (rollback at ${percent(rule.rate)})`,
          action: rule.action,
        },
      ]
    : [];
  return {
    hypercare: {
      authFailure: {
        worstRate: figures.worstAuthFailureRate,
        windowMinutes: rule.window_minutes,
        rollbackRate: rule.rate,
        breached,
      },
      exit: { met, consecutiveDays, requiredDays: required, sev2Reports, detail },
    },
    findings,
  };
}
