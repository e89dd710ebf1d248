import type { ClaimedNotification } from './alert-delivery-port';

/** Where a notification is written: its alert's incident page, or the standing "HDC alerts" page. */
type DeliveryTarget = 'incident' | 'standing';

export interface PlannedNotification {
  notification: ClaimedNotification;
  target: DeliveryTarget;
  /** Mention the on-call operators (Confluence notifies them). */
  mention: boolean;
  /** Post it to the chat webhook too. */
  chat: boolean;
  /** It would have reached people, but the site's hourly cap is spent: written without mentions or chat. */
  capped: boolean;
}

export interface DeliveryPolicy {
  incidentSeverities: readonly string[];
  notificationsPerHour: number;
  /** Notifications that reached people in the last hour. */
  reachedLastHour: number;
  onCall: readonly string[];
  /** A chat webhook is configured. */
  webhook: boolean;
}

const SEVERITY_ORDER = ['P0', 'P1', 'P2', 'P3'];

/**
 * Which page each notification goes to and whether it reaches people, most severe first so that
 * the hourly cap is spent on what matters most. An alert with an incident page keeps it. An
 * acknowledgement is written but reaches no one (the person who acknowledged is already there).
 * Lower severities stay on the standing page: no mentions, no chat.
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
      const wanted =
        target === 'incident' && notification.change !== 'acknowledged' && (policy.onCall.length > 0 || policy.webhook);
      const reach = wanted && left > 0;
      if (reach) left -= 1;
      return {
        notification,
        target,
        mention: reach && policy.onCall.length > 0,
        chat: reach && policy.webhook,
        capped: wanted && !reach,
      };
    });
}
