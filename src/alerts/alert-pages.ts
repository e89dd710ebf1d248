import type { Alert } from '../contract/alerts';
import { countOf } from '../contract/plural';
import { escapeXml, heading, mention, pageTime, paragraph, strong, table } from '../confluence/storage-format';
import type { ClaimedNotification } from './alert-delivery-port';

/** The standing page lower severities update (no mentions), one per operations page. */
export const STANDING_ALERTS_TITLE = 'HDC alerts';

const STATUS_WORDS: Record<Alert['status'], string> = {
  firing: 'Firing',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

const CHANGE_WORDS: Record<ClaimedNotification['change'], (alert: Alert, severity: string) => string> = {
  fired: (alert, severity) => `${severity} alert fired: ${alert.title}`,
  escalated: (alert, severity) => `Escalated to ${severity}: ${alert.title}`,
  acknowledged: (alert) => `Acknowledged: ${alert.title}`,
  resolved: (alert) => `Resolved: ${alert.resolution ?? alert.title}`,
};

/** Confluence titles are at most 255 characters and unique in a space: the alert's id keeps them apart. */
export const incidentTitle = (alert: Pick<Alert, 'id' | 'title'>): string =>
  `HDC incident ${alert.id}: ${alert.title}`.slice(0, 255);

/** The marker a notification's comment carries, so that a retried delivery finds it instead of commenting twice. */
export const notificationMarker = (notificationId: number): string => `HDC Ops notification ${notificationId}`;

const onCallLine = (onCallCount: number): string =>
  `${strong('On call:')} ${escapeXml(
    onCallCount === 0
      ? 'no HDC operators on this site yet: an operator adds them (Operations → HDC operators).'
      : `the site's ${countOf(onCallCount, 'HDC operator', 'HDC operators')}, notified in the comments below (at most one notification per change, within the site's hourly cap).`,
  )}`;

function alertFacts(alert: Alert): string {
  return table(
    ['Severity', 'Status', 'Rule', 'Opened', 'Last seen', 'Acknowledged', 'Resolved'],
    [
      [
        alert.severity,
        STATUS_WORDS[alert.status],
        alert.subject === '' ? alert.rule : `${alert.rule} (${alert.subject})`,
        pageTime(alert.openedAt),
        pageTime(alert.lastSeenAt),
        alert.acknowledgedAt === null ? '—' : pageTime(alert.acknowledgedAt),
        alert.resolvedAt === null ? '—' : `${pageTime(alert.resolvedAt)}: ${alert.resolution ?? ''}`,
      ],
    ],
  );
}

/** The incident page's body: the alert's facts, who is on call, and what to do. */
export function incidentBody(alert: Alert, onCallCount: number): string {
  return [
    paragraph(`${strong(`${STATUS_WORDS[alert.status]} · ${alert.severity}`)} ${escapeXml(alert.title)}`),
    alertFacts(alert),
    paragraph(onCallLine(onCallCount)),
    heading('What to do'),
    paragraph(
      escapeXml(
        alert.status === 'resolved'
          ? 'Nothing: the alert is resolved. Keep this page as the incident record.'
          : 'Acknowledge the alert in HDC Ops (weekly report → Operations now → Alerts) so that others know it is in hand, then follow the runbook for its rule. It resolves by itself once its condition has stayed clear for the hold time.',
      ),
    ),
    paragraph(`<sub>${escapeXml(`HDC Ops alert ${alert.id}; this page is rewritten on each change.`)}</sub>`),
  ].join('');
}

/** A state change in one line (the comment's words, the chat message). */
export const changeSentence = (notification: ClaimedNotification): string =>
  CHANGE_WORDS[notification.change](notification.alert, notification.severity);

/** A state change as a footer comment on the incident page (mentions when it reaches people). */
export function changeComment(
  notification: ClaimedNotification,
  onCall: readonly string[],
  mentioned: boolean,
): string {
  const words = changeSentence(notification);
  return [
    paragraph(`${mentioned ? `${onCall.map(mention).join(' ')} ` : ''}${escapeXml(words)}`),
    paragraph(`<sub>${escapeXml(notificationMarker(notification.id))}</sub>`),
  ].join('');
}

/** The standing page: every open alert of the site, most severe first. */
export function standingBody(openAlerts: readonly Alert[], at: Date): string {
  const rows = openAlerts.map((alert) => [
    alert.severity,
    STATUS_WORDS[alert.status],
    alert.title,
    pageTime(alert.openedAt),
    alert.incidentPageId === null ? '—' : incidentTitle(alert),
  ]);
  return [
    paragraph(
      escapeXml(
        `${countOf(openAlerts.length, 'open alert', 'open alerts')} as of ${pageTime(at)}. P0 and P1 alerts also get an incident page that notifies the on-call operators.`,
      ),
    ),
    rows.length === 0
      ? paragraph(escapeXml('No alert is open.'))
      : table(['Severity', 'Status', 'Alert', 'Opened', 'Incident page'], rows),
  ].join('');
}
