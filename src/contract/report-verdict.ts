import type { Finding, ReportStatus, Severity } from './verification';

/**
 * How a report's checks roll up to one status and one severity, in the report, the CLI and the
 * macro alike. Pure.
 */
function worstStatus(statuses: readonly ReportStatus[]): ReportStatus {
  if (statuses.includes('FAIL')) return 'FAIL';
  return statuses.includes('CONDITIONAL') ? 'CONDITIONAL' : 'PASS';
}

export function highestSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity {
  if (findings.some((f) => f.severity === 'SEV-2')) return 'SEV-2';
  if (findings.some((f) => f.severity === 'SEV-3')) return 'SEV-3';
  return 'none';
}

/** The worst of the checks; a PASS with warnings among its findings is CONDITIONAL. */
function reportStatus(checks: readonly ReportStatus[], findings: readonly Pick<Finding, 'severity'>[]): ReportStatus {
  const worst = worstStatus(checks);
  return worst === 'PASS' && findings.some((f) => f.severity === 'warning') ? 'CONDITIONAL' : worst;
}

export interface Verdict {
  status: ReportStatus;
  severity: Severity;
  /** What the status means for releases, in one sentence that agrees with the severity. */
  sentence: string;
}

/**
 * The one place a report's verdict is decided: its status from the checks and findings, its
 * severity (a failed check is an incident: at least SEV-3, so a FAIL never reads "no incident"),
 * and the sentence that goes with both. The builder, the Markdown, the CLI and the macro use it.
 */
export function decideVerdict(
  checks: readonly ReportStatus[],
  findings: readonly Pick<Finding, 'severity'>[],
): Verdict {
  const status = reportStatus(checks, findings);
  const found = highestSeverity(findings);
  const severity: Severity = status === 'FAIL' && found === 'none' ? 'SEV-3' : found;
  return { status, severity, sentence: verdictSentence(status, severity) };
}

export function verdictSentence(status: ReportStatus, severity: Severity): string {
  if (status === 'PASS') return 'Every check passed: no impact on releases.';
  if (status === 'CONDITIONAL') {
    return severity === 'none'
      ? 'Passed with warnings: releases may proceed once each follow-up below has an owner.'
      : `Passed with a ${severity} finding: releases may proceed once each follow-up below has an owner.`;
  }
  return severity === 'SEV-2'
    ? 'Failed with a SEV-2 incident: hold releases until the SEV-2 findings below are mitigated.'
    : 'Failed (SEV-3): fix the failed checks below within business hours; releases may proceed when each has an owner.';
}
