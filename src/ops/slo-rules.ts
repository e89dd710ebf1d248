import type { OpsSummaryFigures, SloWindow } from '../contract/operations';
import type { Thresholds } from '../verification/thresholds';

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/**
 * The ops summary's SLO posture: each telemetry window's error rate against error_rate.target and
 * the rollback rate, and its auth-failure rate (refused as forbidden) against the hypercare
 * rollback rate. Windows with fewer calls than error_rate.min_calls_per_window are not judged.
 */
export function judgeSlo(telemetry: OpsSummaryFigures['telemetry'], thresholds: Thresholds): SloWindow[] {
  const rules = thresholds.error_rate;
  const authRule = thresholds.hypercare.auth_failure_rollback;
  return (['lastHour', 'lastDay'] as const).map((window) => {
    const volume = telemetry[window];
    const label = window === 'lastHour' ? 'last hour' : 'last 24 h';
    if (volume.calls < rules.min_calls_per_window) {
      return {
        window,
        ...volume,
        errorRate: null,
        authFailureRate: null,
        status: 'too_few_calls',
        detail: `${volume.calls} call(s) in the ${label}: fewer than ${rules.min_calls_per_window}, not judged.`,
      };
    }
    const errorRate = volume.errors / volume.calls;
    const authFailureRate = volume.forbidden / volume.calls;
    const status: SloWindow['status'] =
      errorRate > rules.rollback.rate || authFailureRate > authRule.rate
        ? 'rollback'
        : errorRate > rules.target
          ? 'over_target'
          : 'ok';
    const detail =
      status === 'rollback'
        ? `${label}: error rate ${percent(errorRate)} (rollback at ${percent(rules.rollback.rate)}), auth failures ${percent(authFailureRate)} (rollback at ${percent(authRule.rate)}). ${rules.rollback.action}`
        : status === 'over_target'
          ? `${label}: error rate ${percent(errorRate)} is over the ${percent(rules.target)} target. ${rules.target_action}`
          : `${label}: error rate ${percent(errorRate)}, auth failures ${percent(authFailureRate)}, within targets.`;
    return { window, ...volume, errorRate, authFailureRate, status, detail };
  });
}
