import type { Thresholds } from '../verification/thresholds';
import { VERIFIED_METRICS } from '../contract/verification';

/**
 * The alert rules as hdc_alert_conditions reads them (`p_rules`), from the thresholds: every number
 * stated once, in config/thresholds.yml. Pure.
 */
export function alertRulesOf(thresholds: Thresholds) {
  const { alerts, error_rate: errorRate, hypercare, recovery, error_budgets: budgets } = thresholds;
  return {
    holdMinutes: alerts.hold_minutes,
    minCalls: errorRate.min_calls_per_window,
    minAccounts: errorRate.min_accounts_per_window,
    minRefusedAccounts: hypercare.auth_failure_rollback.min_refused_accounts,
    budgets: VERIFIED_METRICS.map((metric) => ({ metric, objective: budgets.objectives[metric] })),
    burnRates: alerts.burn_rates.map((pair) => ({
      name: pair.name,
      longMinutes: pair.long_minutes,
      shortMinutes: pair.short_minutes,
      factor: pair.factor,
      severity: pair.severity,
    })),
    hypercare: {
      error_rate_rollback: {
        rate: errorRate.rollback.rate,
        minutes: errorRate.rollback.window_minutes,
        severity: alerts.rollback_severity,
      },
      auth_failure_rollback: {
        rate: hypercare.auth_failure_rollback.rate,
        minutes: hypercare.auth_failure_rollback.window_minutes,
        severity: alerts.rollback_severity,
      },
      error_rate_escalate: {
        rate: errorRate.escalate.rate,
        minutes: errorRate.escalate.window_minutes,
        severity: alerts.escalate_severity,
      },
    },
    sampler: { silentMinutes: recovery.sampler_max_age_minutes, severity: alerts.sampler_silent_severity },
    escalation: { waitHours: alerts.escalation_wait_hours, severity: alerts.escalation_wait_severity },
    cleanupJob: { severity: alerts.cleanup_job_failed_severity },
    backup: { rpoHours: recovery.rpo_hours, severity: alerts.backup_stale_severity },
  };
}
