import type { Finding, ThresholdRule } from '../contract/verification';

/**
 * The weekly report's sections, in the order the run log shows them: what each is called, and
 * whether it only informs (advisory: shown as such, never counted in the verdict). Every threshold
 * rule's finding belongs to exactly one section, and makes it no better than itself
 * (report-verdict.ts: sectionStatus), so a section and the findings under it always agree.
 */
export const REPORT_SECTIONS = {
  integrity: { title: 'Migration-integrity dry-run', advisory: false },
  budgets: { title: 'Performance budgets', advisory: false },
  coverage: { title: 'Telemetry coverage', advisory: false },
  errors: { title: 'Error rates', advisory: false },
  sampler: { title: 'Scheduled sampler', advisory: false },
  orphans: { title: 'Orphan pages', advisory: false },
  hypercareRollback: { title: 'Hypercare rollback', advisory: false },
  hypercareExit: { title: 'Hypercare exit criteria', advisory: true },
} as const;
export type SectionKey = keyof typeof REPORT_SECTIONS;

const SECTION_OF_RULE: Record<ThresholdRule, SectionKey> = {
  budget_breach: 'budgets',
  budget_breach_sustained: 'budgets',
  error_rate_above_target: 'errors',
  error_rate_escalate: 'errors',
  error_rate_rollback: 'errors',
  sustained_rate_limiting: 'errors',
  metric_missing: 'coverage',
  metric_missing_again: 'coverage',
  integrity_regression: 'integrity',
  orphan_dangling_events: 'orphans',
  orphan_duplicate_references: 'orphans',
  orphan_pages: 'orphans',
  orphan_scan_stale: 'orphans',
  orphan_scan_missing: 'orphans',
  auth_failure_rollback: 'hypercareRollback',
};

export function findingsOf(section: SectionKey, findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => SECTION_OF_RULE[finding.rule] === section);
}
