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

/** What a finding makes of the section it belongs to: a warning CONDITIONAL, an incident (SEV-2, SEV-3) FAIL. */
function statusOfFindings(findings: readonly Pick<Finding, 'severity'>[]): ReportStatus {
  if (findings.some((f) => f.severity !== 'warning')) return 'FAIL';
  return findings.length > 0 ? 'CONDITIONAL' : 'PASS';
}

/** A section of a report: its status, and whether it only informs (advisory) rather than judges. */
export interface SectionVerdict {
  status: ReportStatus;
  advisory: boolean;
}

/** A section's status: its own check, made no better than the findings that belong to it. */
export function sectionStatus(check: ReportStatus, findings: readonly Pick<Finding, 'severity'>[]): ReportStatus {
  return worstStatus([check, statusOfFindings(findings)]);
}

export interface Verdict {
  status: ReportStatus;
  severity: Severity;
  /** What the status means for releases, in one sentence that agrees with the severity. */
  sentence: string;
}

/**
 * The one rule a report's verdict follows, in the report, the CLI and the macro alike: the status is
 * the worst of the sections that judge (an advisory section says so where it is shown, and does not
 * count), and never better than the findings (a warning: CONDITIONAL; an incident: FAIL); the
 * severity is the highest finding's, at least SEV-3 for a FAIL, so a FAIL never reads "no incident"
 * and a PASS never carries an incident.
 */
export function decideVerdict(
  sections: readonly SectionVerdict[],
  findings: readonly Pick<Finding, 'severity'>[],
): Verdict {
  const status = worstStatus([
    ...sections.filter((section) => !section.advisory).map((section) => section.status),
    statusOfFindings(findings),
  ]);
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
