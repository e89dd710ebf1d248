import type { ClaimedNotification } from './alert-delivery-port';

/** Where a notification is written: its alert's incident page, or the standing "HDC alerts" page. */
type DeliveryTarget = 'incident' | 'standing';

export interface PlannedNotification {
  notification: ClaimedNotification;
  target: DeliveryTarget;
  /** Mention the on-call operators (Confluence notifies them). */
  mention: boolean;
  /** It would have mentioned them, but the site's hourly cap is spent: written without mentions. */
  capped: boolean;
}

export interface DeliveryPolicy {
  incidentSeverities: readonly string[];
  notificationsPerHour: number;
  /** Notifications that reached people in the last hour. */
  reachedLastHour: number;
  onCall: readonly string[];
}

const SEVERITY_ORDER = ['P0', 'P1', 'P2', 'P3'];

/**
 * Which page each notification goes to and whether it reaches people, most severe first so that
 * the hourly cap is spent on what matters most. An alert with an incident page keeps it. An
 * acknowledgement is written but mentions no one (the person who acknowledged is already there).
 */
export function planDelivery(
  notifications: readonly ClaimedNotification[],
  policy: DeliveryPolicy,
): PlannedNotification[] {
  let left = Math.max(0, policy.notificationsPerHour - policy.reachedLastHour);
  return [...notifications]
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.id - b.id)
    .map((notification) => {
      const target: DeliveryTarget =
        notification.alert.incidentPageId !== null || policy.incidentSeverities.includes(notification.severity)
          ? 'incident'
          : 'standing';
      const wanted = target === 'incident' && notification.change !== 'acknowledged' && policy.onCall.length > 0;
      const mention = wanted && left > 0;
      if (mention) left -= 1;
      return { notification, target, mention, capped: wanted && !mention };
    });
}
