import type { Alert, AlertView } from '../contract/alerts';
import type { Thresholds } from '../verification/thresholds';

const MINUTE_MS = 60_000;

/**
 * An alert with its severity's SLAs (the hypercare plan's, in the thresholds): respond (acknowledge
 * or resolve) within response_minutes of opening, resolve within resolution_hours; each breached
 * when its deadline passed before it was met (or by `now` while it is not). Pure.
 */
export function withSla(alert: Alert, thresholds: Thresholds, now: Date): AlertView {
  const sla = thresholds.alerts.sla[alert.severity];
  const opened = Date.parse(alert.openedAt);
  const respondBy = opened + sla.response_minutes * MINUTE_MS;
  const resolveBy = opened + sla.resolution_hours * 60 * MINUTE_MS;
  const respondedAt = alert.acknowledgedAt ?? alert.resolvedAt;
  const metAt = (at: string | null) => (at === null ? now.getTime() : Date.parse(at));
  return {
    ...alert,
    sla: {
      respondBy: new Date(respondBy).toISOString(),
      resolveBy: new Date(resolveBy).toISOString(),
      responseBreached: metAt(respondedAt) > respondBy,
      resolutionBreached: metAt(alert.resolvedAt) > resolveBy,
    },
  };
}
