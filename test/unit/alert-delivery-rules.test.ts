import { weeklyReportTitle } from '../../src/verification/weekly-report-page';
import type { ClaimedNotification } from '../../src/alerts/alert-delivery-port';
import { planDelivery } from '../../src/alerts/alert-delivery-rules';
import { changeComment, incidentBody, incidentTitle } from '../../src/alerts/alert-pages';
import type { Alert } from '../../src/contract/alerts';
import { escapeXml, mentionedAccounts } from '../../src/confluence/storage-format';

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  id: 7,
  rule: 'burn_rate:fast_burn',
  subject: 'registry_lookup',
  severity: 'P1',
  status: 'firing',
  title: 'registry_lookup error budget burning 14.4×',
  detail: {},
  openedAt: '2026-11-10T12:00:00Z',
  lastSeenAt: '2026-11-10T12:05:00Z',
  clearSince: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  resolution: null,
  incidentPageId: null,
  ...overrides,
});

const note = (
  id: number,
  severity: Alert['severity'],
  change: ClaimedNotification['change'] = 'fired',
  extra: Partial<Alert> = {},
): ClaimedNotification => ({
  id,
  change,
  severity,
  createdAt: '2026-11-10T12:05:00Z',
  attempts: 0,
  alert: alert({ id, severity, ...extra }),
});

const policy = {
  incidentSeverities: ['P0', 'P1'],
  notificationsPerHour: 6,
  reachedLastHour: 0,
  onCall: ['op-1', 'op-2'],
  webhook: false,
};

test('P0 and P1 go to incident pages with mentions; lower severities to the standing page without', () => {
  const plan = planDelivery([note(1, 'P3'), note(2, 'P1'), note(3, 'P2'), note(4, 'P0')], policy);
  expect(plan.map((item) => [item.notification.id, item.target, item.mention])).toEqual([
    [4, 'incident', true],
    [2, 'incident', true],
    [3, 'standing', false],
    [1, 'standing', false],
  ]);
});

test('the hourly cap is spent on the most severe first; the rest are written without mentions and marked capped', () => {
  const plan = planDelivery([note(1, 'P1'), note(2, 'P0'), note(3, 'P1')], { ...policy, reachedLastHour: 5 });
  expect(plan.map((item) => [item.notification.id, item.mention, item.capped])).toEqual([
    [2, true, false],
    [1, false, true],
    [3, false, true],
  ]);
});

test('an acknowledgement mentions no one; an alert with an incident page keeps it; no operators, no mentions and nothing capped', () => {
  const [ack] = planDelivery([note(1, 'P0', 'acknowledged')], policy);
  expect(ack).toMatchObject({ target: 'incident', mention: false, capped: false });
  const [kept] = planDelivery([note(2, 'P2', 'resolved', { incidentPageId: '55' })], policy);
  expect(kept?.target).toBe('incident');
  const [alone] = planDelivery([note(3, 'P0')], { ...policy, onCall: [] });
  expect(alone).toMatchObject({ mention: false, capped: false });
});

test('storage bodies escape what data says, and mention exactly the on-call operators', () => {
  const hostile = alert({ title: '<script>alert(1)</script> & "quotes"' });
  const body = incidentBody(hostile, 2);
  expect(body).not.toContain('<script>');
  expect(body).toContain(escapeXml('<script>alert(1)</script> & "quotes"'));
  expect(mentionedAccounts(body)).toEqual([]);
  const comment = changeComment({ ...note(9, 'P0'), alert: hostile }, ['op-1', 'op-2'], true);
  expect(mentionedAccounts(comment)).toEqual(['op-1', 'op-2']);
  expect(mentionedAccounts(changeComment(note(9, 'P0'), ['op-1'], false))).toEqual([]);
  expect(incidentTitle(alert({ title: 'x'.repeat(400) }))).toHaveLength(255);
});

test('with a chat webhook, incidents go to chat as well (even with no operator to mention), within the same cap', () => {
  const plan = planDelivery([note(1, 'P1'), note(2, 'P0'), note(3, 'P2')], {
    ...policy,
    onCall: [],
    webhook: true,
    reachedLastHour: 5,
  });
  expect(plan.map((item) => [item.notification.id, item.mention, item.chat, item.capped])).toEqual([
    [2, false, true, false],
    [1, false, false, true],
    [3, false, false, false],
  ]);
});

test('a weekly report page is titled by its week as people write dates, one page per week', () => {
  expect(weeklyReportTitle({ weekOf: '2026-11-30' })).toBe('HDC weekly verification — week of 30 Nov 2026');
});
