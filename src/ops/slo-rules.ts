import { percent } from '../contract/report-format';
import type { OpsSummaryFigures, SloWindow } from '../contract/operations';
import { calls, people, refusalsAreEvidence, tooFewToJudge } from '../verification/evidence-rules';
import type { Thresholds } from '../verification/thresholds';

/**
 * The ops summary's SLO posture, as of now: each window's error rate against error_rate.target and
 * the rollback rate, and its auth-failure rate (refused as forbidden) against the hypercare
 * rollback rate. A window with too few calls or people is not judged (evidence-rules.ts), and
 * refusals of too few people recommend no rollback, whatever their share.
 */
export function judgeSlo(telemetry: OpsSummaryFigures['telemetry'], thresholds: Thresholds): SloWindow[] {
  const rules = thresholds.error_rate;
  const authRule = thresholds.hypercare.auth_failure_rollback;
  return (['lastHour', 'lastDay'] as const).map((window) => {
    const volume = telemetry[window];
    const label = window === 'lastHour' ? 'last hour' : 'last 24 h';
    const tooFew = tooFewToJudge(volume, thresholds);
    if (tooFew !== null) {
      return {
        window,
        ...volume,
        errorRate: null,
        authFailureRate: null,
        status: 'too_few_to_judge',
        detail: `${label}: ${tooFew}.`,
      };
    }
    const errorRate = volume.errors / volume.calls;
    const authFailureRate = volume.forbidden / volume.calls;
    const authBreached = authFailureRate > authRule.rate && refusalsAreEvidence(volume.refusedAccounts, thresholds);
    const status: SloWindow['status'] =
      errorRate > rules.rollback.rate || authBreached ? 'rollback' : errorRate > rules.target ? 'over_target' : 'ok';
    const refusals =
      volume.forbidden === 0
        ? 'no call refused as forbidden'
        : `${calls(volume.forbidden)} refused as forbidden (${percent(authFailureRate)}) by ${people(volume.refusedAccounts)}` +
          (authFailureRate > authRule.rate && !authBreached
            ? ` — too few people refused to point at the release (rollback from ${people(authRule.min_refused_accounts)})`
            : '');
    const detail =
      status === 'rollback'
        ? `${label}: error rate ${percent(errorRate)} (rollback at ${percent(rules.rollback.rate)}); ${refusals} (rollback at ${percent(authRule.rate)}). ${rules.rollback.action}`
        : status === 'over_target'
          ? `${label}: error rate ${percent(errorRate)} is over the ${percent(rules.target)} target; ${refusals}. ${rules.target_action}`
          : `${label}: error rate ${percent(errorRate)} within target; ${refusals}.`;
    return { window, ...volume, errorRate, authFailureRate, status, detail };
  });
}
