import { percent } from '../contract/report-format';
import { countOf } from '../contract/plural';
import type { ScanCounts } from '../contract/cleanup';
import type { EvaluationState, Finding, IntegritySummary, MetricWindow, Severity } from '../contract/verification';
import { integrityRegressions } from './integrity-checklist';
import { highestSeverity } from '../contract/report-verdict';
import type { Thresholds } from './thresholds';
import { budgetsOf } from './thresholds';

export interface EvaluationInput {
  /** The window's telemetry, per metric and source. */
  metrics: readonly MetricWindow[];
  /** Metrics a probe ran for in this window: each must show up in the telemetry. */
  probedMetrics: readonly string[];
  integrity?: { current: IntegritySummary; previous: IntegritySummary | null } | undefined;
  previous: EvaluationState | null;
  /** The latest orphan-page scan's counts and age; null when no scan ran yet; absent when not judged (the sampler). */
  orphans?: { counts: ScanCounts; ageDays: number } | null | undefined;
  /** Findings of the hypercare rules (hypercare-rules.ts), judged with the rest for the severity. */
  hypercareFindings?: readonly Finding[] | undefined;
}

export interface Evaluation {
  findings: Finding[];
  severity: Severity;
  state: EvaluationState;
}

/** The p95 ops readers judge: organic when users made calls, else the probe's. */
export function judgedP95(
  windows: readonly MetricWindow[],
  metric: string,
): { p95Ms: number; source: 'organic' | 'probe' } | null {
  const organic = windows.find((w) => w.metric === metric && w.source === 'organic' && w.count > 0);
  const probe = windows.find((w) => w.metric === metric && w.source === 'probe' && w.count > 0);
  const chosen = organic ?? probe;
  return chosen ? { p95Ms: chosen.p95Ms, source: chosen.source } : null;
}

/**
 * The threshold rules, one after the other: budgets (and their streaks), error rates, missing
 * metrics (and their streaks), integrity regressions, sustained rate limiting. Pure.
 */
export function evaluateThresholds(thresholds: Thresholds, input: EvaluationInput): Evaluation {
  const findings: Finding[] = [];
  const previous = input.previous ?? { budgetBreachStreak: {}, missingStreak: {} };
  const state: EvaluationState = { budgetBreachStreak: {}, missingStreak: {} };

  for (const budget of budgetsOf(thresholds)) {
    const judged = judgedP95(input.metrics, budget.metric);
    if (judged === null || judged.p95Ms < budget.p95Ms) continue;
    const streak = (previous.budgetBreachStreak[budget.metric] ?? 0) + 1;
    state.budgetBreachStreak[budget.metric] = streak;
    const sustained = streak >= thresholds.budgets.sustained_windows;
    findings.push({
      rule: sustained ? 'budget_breach_sustained' : 'budget_breach',
      metric: budget.metric,
      severity: sustained ? 'SEV-2' : 'warning',
      detail: `${budget.name} p95 ${judged.p95Ms.toFixed(1)} ms (${judged.source}) ≥ budget ${budget.p95Ms} ms, ${countOf(streak, 'window', 'windows')} in a row`,
      action: sustained ? thresholds.budgets.sustained_action : thresholds.budgets.breach_action,
    });
  }

  const rules = thresholds.error_rate;
  const byMetric = new Map<string, MetricWindow[]>();
  for (const window of input.metrics) byMetric.set(window.metric, [...(byMetric.get(window.metric) ?? []), window]);
  for (const [metric, windows] of byMetric) {
    const count = windows.reduce((sum, w) => sum + w.count, 0);
    const errors = windows.reduce((sum, w) => sum + w.errors, 0);
    const worstWide = Math.max(0, ...windows.map((w) => w.worstWideErrorRate ?? 0));
    const worstNarrow = Math.max(0, ...windows.map((w) => w.worstNarrowErrorRate ?? 0));
    if (worstNarrow > rules.rollback.rate) {
      findings.push({
        rule: 'error_rate_rollback',
        metric,
        severity: rules.rollback.severity,
        detail: `${metric} error rate ${percent(worstNarrow)} over ${rules.rollback.window_minutes} min > ${percent(rules.rollback.rate)}`,
        action: rules.rollback.action,
      });
    } else if (worstWide > rules.escalate.rate) {
      findings.push({
        rule: 'error_rate_escalate',
        metric,
        severity: rules.escalate.severity,
        detail: `${metric} error rate ${percent(worstWide)} over ${rules.escalate.window_minutes} min > ${percent(rules.escalate.rate)}`,
        action: rules.escalate.action,
      });
    } else if (count > 0 && errors / count >= rules.target) {
      findings.push({
        rule: 'error_rate_above_target',
        metric,
        severity: 'warning',
        detail: `${metric} error rate ${percent(errors / count)} (${errors} of ${count}) ≥ target ${percent(rules.target)}`,
        action: rules.target_action,
      });
    }
    const rateLimited = Math.max(0, ...windows.map((w) => w.worstWideRateLimited));
    if (rateLimited >= thresholds.rate_limiting.min_in_window) {
      findings.push({
        rule: 'sustained_rate_limiting',
        metric,
        severity: thresholds.rate_limiting.severity,
        detail: `${rateLimited} rate-limited (429) ${metric} calls within ${rules.escalate.window_minutes} min`,
        action: thresholds.rate_limiting.action,
      });
    }
  }

  for (const metric of input.probedMetrics) {
    if (input.metrics.some((w) => w.metric === metric && w.count > 0)) continue;
    const streak = (previous.missingStreak[metric] ?? 0) + 1;
    state.missingStreak[metric] = streak;
    findings.push({
      rule: streak > 1 ? 'metric_missing_again' : 'metric_missing',
      metric,
      severity: streak > 1 ? thresholds.missing_metric.repeat_severity : thresholds.missing_metric.first_severity,
      detail: `no ${metric} telemetry after a probe${streak > 1 ? `, ${streak} windows in a row` : ''}`,
      action: thresholds.missing_metric.action,
    });
  }

  if (input.integrity) {
    const regressions = integrityRegressions(input.integrity.current, input.integrity.previous);
    if (regressions.length > 0) {
      findings.push({
        rule: 'integrity_regression',
        metric: null,
        severity: thresholds.integrity_regression.severity,
        detail: `integrity regression: ${regressions.join(', ')}`,
        action: thresholds.integrity_regression.action,
      });
    }
  }

  if (input.orphans !== undefined) findings.push(...orphanFindings(thresholds, input.orphans));
  findings.push(...(input.hypercareFindings ?? []));
  return { findings, severity: highestSeverity(findings), state };
}

/** The orphan-page rules: dangling events and duplicate references by severity, orphan pages past the allowance, a stale scan. */
function orphanFindings(thresholds: Thresholds, orphans: { counts: ScanCounts; ageDays: number } | null): Finding[] {
  const rules = thresholds.orphans;
  if (orphans === null) {
    // Not measured is not a pass: the week is CONDITIONAL until a scan has run.
    return [
      {
        rule: 'orphan_scan_missing',
        metric: null,
        severity: 'warning',
        detail: 'no orphan-page scan has run yet',
        action: 'Scan from the orphan-page cleanup macro, or wait for the weekly orphan-scan trigger.',
      },
    ];
  }
  const { counts } = orphans;
  const findings: Finding[] = [];
  if (counts.danglingEvents > 0) {
    findings.push({
      rule: 'orphan_dangling_events',
      metric: null,
      severity: rules.dangling_event_severity,
      detail: `${countOf(counts.danglingEvents, 'event', 'events')} whose page is missing, trashed, archived or no longer under the HDC parent`,
      action: rules.action,
    });
  }
  if (counts.duplicateReferences > 0) {
    findings.push({
      rule: 'orphan_duplicate_references',
      metric: null,
      severity: rules.duplicate_reference_severity,
      detail: `${countOf(counts.duplicateReferences, 'page', 'pages')} referenced by two or more events`,
      action: rules.action,
    });
  }
  if (counts.orphanPages > rules.max_orphan_pages) {
    findings.push({
      rule: 'orphan_pages',
      metric: null,
      severity: 'warning',
      detail: `${countOf(counts.orphanPages, 'page', 'pages')} under the HDC parent that no event references (allowed: ${rules.max_orphan_pages})`,
      action: rules.action,
    });
  }
  if (orphans.ageDays > rules.max_scan_age_days) {
    findings.push({
      rule: 'orphan_scan_stale',
      metric: null,
      severity: 'warning',
      detail: `the latest orphan-page scan is ${countOf(Math.floor(orphans.ageDays), 'day', 'days')} old`,
      action: 'Check the weekly orphan-scan trigger, or scan from the macro.',
    });
  }
  return findings;
}
