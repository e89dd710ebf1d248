import type { Finding, ReportStatus, Severity } from './verification';

/**
 * How a report's checks roll up to one status and one severity, in the report, the CLI and the
 * macro alike. Pure.
 */
export function worstStatus(statuses: readonly ReportStatus[]): ReportStatus {
  if (statuses.includes('FAIL')) return 'FAIL';
  return statuses.includes('CONDITIONAL') ? 'CONDITIONAL' : 'PASS';
}

export function highestSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity {
  if (findings.some((f) => f.severity === 'SEV-2')) return 'SEV-2';
  if (findings.some((f) => f.severity === 'SEV-3')) return 'SEV-3';
  return 'none';
}

/** The worst of the checks; a PASS with warnings among its findings is CONDITIONAL. */
export function reportStatus(checks: readonly ReportStatus[], findings: readonly Pick<Finding, 'severity'>[]): ReportStatus {
  const worst = worstStatus(checks);
  return worst === 'PASS' && findings.some((f) => f.severity === 'warning') ? 'CONDITIONAL' : worst;
}
