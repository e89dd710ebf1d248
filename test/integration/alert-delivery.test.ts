import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_CONFLUENCE_ACCOUNTS, OPS_HOME_PAGE_ID } from '../../dev/local-confluence/demo-confluence-pages';
import type { LocalConfluenceSite } from '../../dev/local-confluence/local-confluence-site';
import { serveLocalConfluence } from '../../dev/local-confluence/serve-local-confluence';
import { localConfluenceAccess, openLocalConfluenceSite } from '../../dev/start-local-host';
import type { AppServices } from '../../src/app/create-app';
import type { ConfluenceAccess, ConfluencePort } from '../../src/confluence/confluence-port';
import { mentionedAccounts } from '../../src/confluence/storage-format';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { AppError } from '../../src/shared/app-error';
import type { Clock } from '../../src/shared/clock';
import type { Deadline } from '../../src/shared/deadline';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { weeklyReportTitle } from '../../src/verification/weekly-report-page';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// Alerts delivered through Confluence itself: the local Confluence over HTTP (its answers checked
// against the published schemas elsewhere), an injected clock, the real evaluation and delivery.
const T0 = new Date('2026-11-10T12:00:00Z');
const MINUTE = 60_000;
const ON_CALL = [DEMO_ACCOUNTS.coAdmin, DEMO_ACCOUNTS.operator].sort();
const INCIDENTS = 3;
const LOWER = 2;

let db: TestDatabase;
let at = T0.getTime();
const clock: Clock = { now: () => new Date(at), monotonicMs: () => performance.now() };
let site: LocalConfluenceSite;
let confluence: Awaited<ReturnType<typeof serveLocalConfluence>>;
/** Wraps the app's Confluence port of services built after it is set (a failure half-way); identity by default. */
let wrap: (port: ConfluencePort) => ConfluencePort = (port) => port;

beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  at = T0.getTime();
  wrap = (port) => port;
  site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  confluence = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS, retryAfterSeconds: 0 });
  const first = servicesWith();
  for (const account of ON_CALL) await first.operators.add(account, 'test');
});
afterEach(() => confluence.close());

function servicesWith(thresholds = DEFAULT_THRESHOLDS, alertWebhookUrl?: string): AppServices {
  const access = localConfluenceAccess(() => confluence.url);
  const wrapped = (deadline: Deadline): ConfluenceAccess => {
    const inner = access(deadline);
    return { asUser: (account) => inner.asUser(account), asApp: () => wrap(inner.asApp()) };
  };
  return db
    .app({ clock, confluence: wrapped, settings: { thresholds, alertWebhookUrl } })
    .servicesFor({ site: TEST_SITE });
}

const minutes = (n: number) => new Date(T0.getTime() + n * MINUTE).toISOString();

/**
 * Half the calls of ten people failing over ten minutes: three incidents (the P0 rollback trigger, the
 * P1 escalation trigger, the P1 fast burn) and two lower alerts (the P2 slow and P3 steady burns).
 */
async function outage() {
  await db.sql.query(
    `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at, caller)
     select gen_random_uuid(), $1, 'registry_lookup', 'organic', case when i % 2 = 0 then 'error' else 'success' end, 12, '{}',
       $2::timestamptz + (i - 1) * interval '2 seconds', hdc_caller_key($1, 'person-' || (i % 10))
     from generate_series(1, 300) as i`,
    [TEST_SITE, minutes(0)],
  );
  at = T0.getTime() + 10 * MINUTE;
}

const configure = (services: AppServices) =>
  services.alertDelivery.configure(DEMO_ACCOUNTS.operator, { opsPageId: OPS_HOME_PAGE_ID, reportPageId: null });

const incidentPages = () =>
  site.all().filter((page) => page.parentId === OPS_HOME_PAGE_ID && page.title.startsWith('HDC incident '));
const notificationsOf = (account: string) => site.notificationsOf(account);
const notificationRows = async () =>
  db.sql.query<{ change: string; status: string; mentioned: number; capped: boolean }>(
    'select change, status, mentioned, capped from ops_alert_notification order by id',
  );

test('a P0/P1 alert makes one incident page under the operations page; its comments @mention the on-call operators once per change', async () => {
  const services = servicesWith();
  await configure(services);
  await outage();
  const evaluation = await services.alerts.evaluate();
  expect(evaluation.fired.map((alert) => alert.severity).sort()).toEqual(['P0', 'P1', 'P1', 'P2', 'P3']);
  const run = await services.alertDelivery.deliver();
  expect(run).toMatchObject({
    delivered: INCIDENTS + LOWER,
    capped: 0,
    failed: 0,
    held: 0,
    mentions: INCIDENTS * ON_CALL.length,
    reason: null,
  });

  const pages = incidentPages();
  expect(pages).toHaveLength(INCIDENTS);
  for (const page of pages) {
    expect(page.body).toContain('Firing');
    const comments = site.commentsOf(page.id);
    expect(comments).toHaveLength(1);
    expect(mentionedAccounts(comments[0]!.body)).toEqual(ON_CALL);
  }
  for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(INCIDENTS);
  expect(notificationsOf(DEMO_ACCOUNTS.nonAdmin)).toEqual([]);
  // The lower alerts are on the standing page, without mentions.
  const standing = site.all().find((page) => page.title === 'HDC alerts');
  expect(standing?.parentId).toBe(OPS_HOME_PAGE_ID);
  expect(mentionedAccounts(standing!.body!)).toEqual([]);
  // The alert knows its page (the macro links it).
  const alerts = await services.alerts.list(DEMO_ACCOUNTS.operator);
  expect(alerts.flatMap((alert) => alert.incidentPageId ?? []).sort()).toEqual(pages.map((page) => page.id).sort());

  // Nothing changed: the next run writes nothing and notifies no one.
  const requests = confluence.api.stats.requests;
  expect(await services.alertDelivery.deliver()).toMatchObject({ delivered: 0, failed: 0 });
  expect(confluence.api.stats.requests).toBe(requests);

  // Acknowledged: the page says so, a comment records it, and nobody is notified again.
  const p0 = alerts.find((alert) => alert.severity === 'P0')!;
  at += 5 * MINUTE;
  await services.alerts.acknowledge(DEMO_ACCOUNTS.operator, p0.id);
  expect(await services.alertDelivery.deliver()).toMatchObject({ delivered: 1, mentions: 0 });
  const p0Page = site.page(p0.incidentPageId!)!;
  expect(p0Page.body).toContain('Acknowledged');
  expect(site.commentsOf(p0Page.id)).toHaveLength(2);
  for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(INCIDENTS);

  // Resolved: the on-call operators hear it once.
  await services.alerts.resolve(DEMO_ACCOUNTS.operator, p0.id, 'Rolled back');
  expect(await services.alertDelivery.deliver()).toMatchObject({ delivered: 1, mentions: 2 });
  expect(site.page(p0Page.id)!.body).toContain('Resolved');
  for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(INCIDENTS + 1);
  expect(
    (
      await db.sql.query<{ n: number }>(`select count(*)::int as n from ops_audit_log where action = 'alert_notified'`)
    )[0]!.n,
  ).toBe(INCIDENTS + LOWER + 2);
});

test('no notification leaves for a site without the configured page', async () => {
  const services = servicesWith();
  await outage();
  await services.alerts.evaluate();
  const run = await services.alertDelivery.deliver();
  expect(run).toMatchObject({ delivered: 0, held: INCIDENTS + LOWER });
  expect(run.reason).toMatch(/No operations page is configured/);
  expect(confluence.api.stats.requests).toBe(0);
  expect(new Set((await notificationRows()).map((row) => row.status))).toEqual(new Set(['pending']));
  // Configured later: what waited is delivered then, once.
  await configure(services);
  expect(await services.alertDelivery.deliver()).toMatchObject({ delivered: INCIDENTS + LOWER });
});

test('a flapping lower-severity alert notifies once, on the standing page and without mentions', async () => {
  const services = servicesWith();
  await configure(services);
  const samplerRun = (minute: number) =>
    db.sql.query(
      `insert into scheduled_run (site_id, job, started_at, finished_at, status) values ($1, 'telemetry_sampler', $2, $2, 'ok')`,
      [TEST_SITE, minutes(minute)],
    );
  const step = async (minute: number) => {
    at = T0.getTime() + minute * MINUTE;
    await services.alerts.evaluate();
    return services.alertDelivery.deliver();
  };
  await samplerRun(-180);
  expect(await step(0)).toMatchObject({ delivered: 1, mentions: 0 });
  await samplerRun(1);
  await step(5); // clear, within the hold
  await db.sql.query('delete from scheduled_run where started_at = $1', [minutes(1)]);
  await step(10); // silent again: the same alert
  await samplerRun(11);
  await step(15);
  expect((await notificationRows()).map((row) => row.change)).toEqual(['fired']);
  await step(30); // clear for the hold: resolved, one more notification
  expect((await notificationRows()).map((row) => row.change)).toEqual(['fired', 'resolved']);

  const standing = site.all().filter((page) => page.title === 'HDC alerts');
  expect(standing).toHaveLength(1);
  expect(standing[0]!.body).toContain('No alert is open');
  expect(incidentPages()).toEqual([]);
  for (const account of ON_CALL) expect(notificationsOf(account)).toEqual([]);
});

test('beyond the hourly cap pages are still written, without mentions, most severe first', async () => {
  const capped = {
    ...DEFAULT_THRESHOLDS,
    alerts: {
      ...DEFAULT_THRESHOLDS.alerts,
      delivery: { ...DEFAULT_THRESHOLDS.alerts.delivery, notifications_per_hour: 1 },
    },
  };
  const services = servicesWith(capped);
  await configure(services);
  await outage();
  await services.alerts.evaluate();
  expect(await services.alertDelivery.deliver()).toMatchObject({
    delivered: INCIDENTS + LOWER,
    capped: INCIDENTS - 1,
    mentions: ON_CALL.length,
  });
  const rows = await db.sql.query<{ severity: string; mentioned: number; capped: boolean }>(
    `select severity, mentioned, capped from ops_alert_notification where severity in ('P0', 'P1') order by severity, id`,
  );
  expect(rows).toEqual([
    { severity: 'P0', mentioned: 2, capped: false },
    { severity: 'P1', mentioned: 0, capped: true },
    { severity: 'P1', mentioned: 0, capped: true },
  ]);
  expect(incidentPages()).toHaveLength(INCIDENTS);
  for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(1);
});

test('two deliveries at once write each page and comment once', async () => {
  const services = servicesWith();
  await configure(services);
  await outage();
  await services.alerts.evaluate();
  const runs = await Promise.all([services.alertDelivery.deliver(), servicesWith().alertDelivery.deliver()]);
  expect(runs[0].delivered + runs[1].delivered).toBe(INCIDENTS + LOWER);
  expect(incidentPages()).toHaveLength(INCIDENTS);
  for (const page of incidentPages()) expect(site.commentsOf(page.id)).toHaveLength(1);
  for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(INCIDENTS);
});

test('Confluence down half-way: what was written stays, the rest waits without spending its attempts, and the retry writes nothing twice', async () => {
  const services = servicesWith();
  await configure(services);
  await outage();
  await services.alerts.evaluate();
  let comments = 0;
  wrap = (port) => ({
    ...port,
    addFooterComment: async (pageId, storage) => {
      comments += 1;
      // The first comment is made, and its answer lost; then Confluence is down.
      if (comments === 1) await port.addFooterComment(pageId, storage);
      throw new AppError('transient', 'Confluence did not answer', { retryable: true });
    },
  });
  const failed = await servicesWith().alertDelivery.deliver();
  // The standing page went first; the incidents wait.
  expect(failed).toMatchObject({ delivered: LOWER, failed: INCIDENTS });
  expect(failed.reason).toMatch(/Confluence did not answer/);
  const waiting = await db.sql.query<{ attempts: number }>(
    `select attempts from ops_alert_notification where status = 'pending'`,
  );
  expect(waiting.map((row) => row.attempts)).toEqual(Array(INCIDENTS).fill(0));

  wrap = (port) => port;
  expect(await servicesWith().alertDelivery.deliver()).toMatchObject({ delivered: INCIDENTS, failed: 0 });
  expect(incidentPages()).toHaveLength(INCIDENTS);
  for (const page of incidentPages()) expect(site.commentsOf(page.id)).toHaveLength(1);
  for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(INCIDENTS);
});

test('a refusal half-way fails that notification only; after its last attempt it is failed for good and audited', async () => {
  const services = servicesWith();
  await configure(services);
  await outage();
  await services.alerts.evaluate();
  const [p1] = (await services.alerts.list(DEMO_ACCOUNTS.operator)).filter((alert) => alert.severity === 'P1');
  // Someone already has a page with the P1 incident's title elsewhere in the space: Confluence refuses (400).
  site.add({
    id: '1009999',
    title: `HDC incident ${p1!.id}: ${p1!.title}`,
    status: 'current',
    parentId: DEMO_PARENT_PAGE_ID,
  });
  const run = await services.alertDelivery.deliver();
  expect(run).toMatchObject({ delivered: INCIDENTS + LOWER - 1, failed: 1 });
  expect(run.reason).toMatch(/validation/);
  for (let attempt = 2; attempt <= DEFAULT_THRESHOLDS.alerts.delivery.max_attempts; attempt += 1)
    await services.alertDelivery.deliver();
  const rows = await notificationRows();
  expect(rows.filter((row) => row.status === 'failed')).toHaveLength(1);
  expect(rows.filter((row) => row.status === 'delivered')).toHaveLength(INCIDENTS + LOWER - 1);
  expect(
    (
      await db.sql.query<{ n: number }>(
        `select count(*)::int as n from ops_audit_log where action = 'alert_notification_failed'`,
      )
    )[0]!.n,
  ).toBe(1);
});

test('only HDC operators choose where alerts go, and a bad page id changes nothing', async () => {
  const services = servicesWith();
  await expect(
    services.alertDelivery.configure(DEMO_ACCOUNTS.nonAdmin, { opsPageId: OPS_HOME_PAGE_ID, reportPageId: null }),
  ).rejects.toMatchObject({ code: 'forbidden' });
  await expect(
    services.alertDelivery.configure(DEMO_ACCOUNTS.operator, { opsPageId: 'not-a-page', reportPageId: null }),
  ).rejects.toMatchObject({ code: 'validation' });
  expect((await db.sql.query('select * from ops_delivery_setting')).length).toBe(0);
  expect(await configure(services)).toMatchObject({ opsPageId: OPS_HOME_PAGE_ID, reportPageId: null });
});

describe('the weekly report as a Confluence page', () => {
  const reportPages = () => site.all().filter((page) => page.title.startsWith('HDC weekly verification — week of '));

  test('is published under the configured page in storage format; a FAIL mentions the responders once; publishing again changes nothing', async () => {
    const services = servicesWith();
    await configure(services);
    const run = await services.verification.runScheduledReport();
    if (run.status !== 'ok') throw new Error('the weekly run failed');
    expect(run.report.status).toBe('FAIL'); // an empty site: no sampler runs, no telemetry
    const published = await services.reportPublication.publishPending();
    expect(published).toMatchObject({ status: 'published', reportId: run.report.id, mentioned: ON_CALL.length });
    const [page] = reportPages();
    expect(page).toMatchObject({
      parentId: OPS_HOME_PAGE_ID,
      title: weeklyReportTitle(run.report),
    });
    expect(page!.body).toContain('<table>');
    expect(page!.body).toContain('Failed');
    expect(mentionedAccounts(page!.body!)).toEqual(ON_CALL);
    for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(1);

    expect(await services.reportPublication.publishPending()).toMatchObject({ status: 'nothing' });
    // Generated again the same week: the same page is rewritten, nobody is notified twice.
    at += 60 * MINUTE;
    await services.verification.runScheduledReport();
    expect(await services.reportPublication.publishPending()).toMatchObject({ status: 'published', pageId: page!.id });
    expect(reportPages()).toHaveLength(1);
    for (const account of ON_CALL) expect(notificationsOf(account)).toHaveLength(1);
    expect(
      (
        await db.sql.query<{ n: number }>(
          `select count(*)::int as n from ops_audit_log where action = 'report_published'`,
        )
      )[0]!.n,
    ).toBe(2);
  });

  test('nothing is published without a configured page, and a Confluence outage leaves the report waiting for the next run', async () => {
    const services = servicesWith();
    await services.verification.runScheduledReport();
    expect(await services.reportPublication.publishPending()).toMatchObject({ status: 'nothing' });
    expect(confluence.api.stats.requests).toBe(0);

    await configure(services);
    wrap = (port) => ({
      ...port,
      createPage: () => Promise.reject(new AppError('transient', 'Confluence did not answer', { retryable: true })),
    });
    await expect(servicesWith().reportPublication.publishPending()).rejects.toMatchObject({ code: 'transient' });
    expect(reportPages()).toEqual([]);
    wrap = (port) => port;
    expect(await servicesWith().reportPublication.publishPending()).toMatchObject({ status: 'published' });
    expect(reportPages()).toHaveLength(1);
  });
});

test('an incident also goes to the chat webhook (Slack- and Teams-compatible JSON); a chat failure is noted and the delivery stands', async () => {
  const received: unknown[] = [];
  let answer = 200;
  const chat = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(answer).end();
    });
  });
  chat.listen(0, '127.0.0.1');
  await new Promise((resolve) => chat.once('listening', resolve));
  const hook = `http://127.0.0.1:${(chat.address() as AddressInfo).port}/services/T000/B000/secret-token`;
  try {
    const services = servicesWith(DEFAULT_THRESHOLDS, hook);
    await configure(services);
    await outage();
    await services.alerts.evaluate();
    expect(await services.alertDelivery.deliver()).toMatchObject({ delivered: INCIDENTS + LOWER, failed: 0 });
    expect(received).toHaveLength(INCIDENTS);
    for (const message of received)
      expect(message).toEqual({ text: expect.stringMatching(/^\[HDC Ops\] P[01] alert fired: /) });

    // The chat tool is down: the incident is still delivered in Confluence, the audit says the chat failed.
    answer = 500;
    const [p0] = (await services.alerts.list(DEMO_ACCOUNTS.operator)).filter((alert) => alert.severity === 'P0');
    await services.alerts.resolve(DEMO_ACCOUNTS.operator, p0!.id, 'Rolled back');
    expect(await services.alertDelivery.deliver()).toMatchObject({ delivered: 1, failed: 0 });
    const audit = await db.sql.query<{ detail: { chat: string } }>(
      `select detail from ops_audit_log where action = 'alert_notified' order by id desc limit 1`,
    );
    expect(audit[0]!.detail.chat).toBe('failed');
    // The webhook URL is a secret: it is in no row.
    const rows = await db.sql.query<{ n: number }>(
      `select count(*)::int as n from ops_audit_log where detail::text like '%secret-token%'`,
    );
    expect(rows[0]!.n).toBe(0);
  } finally {
    chat.closeAllConnections();
    await new Promise((resolve) => chat.close(resolve));
  }
});
