import {
  DEMO_CONFLUENCE_ACCOUNTS,
  OPS_HOME_PAGE_ID,
  WEEKLY_REPORT_PAGE_ID,
} from '../../dev/local-confluence/demo-confluence-pages';
import type { LocalConfluenceSite } from '../../dev/local-confluence/local-confluence-site';
import { LOCAL_APP_ACCOUNT } from '../../dev/local-confluence/local-confluence-site';
import { serveLocalConfluence } from '../../dev/local-confluence/serve-local-confluence';
import { localConfluenceAccess, openLocalConfluenceSite } from '../../dev/start-local-host';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/create-app';
import type { DeliverySettings } from '../../src/contract/alerts';
import type { OpsConsole } from '../../src/contract/console';
import type { Envelope } from '../../src/contract/envelope';
import type { PrivacyStatus } from '../../src/contract/privacy';
import type { ConfluenceAccess, ConfluencePort } from '../../src/confluence/confluence-port';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { buildSyncBylineProperties } from '../../src/forge/sync-byline-properties';
import { DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { AppError } from '../../src/shared/app-error';
import type { Deadline } from '../../src/shared/deadline';
import { makeAdmin, makeEvent, makeSyncableEvent } from '../helpers/builders';
import { databaseOutage } from '../helpers/database-outage';
import type { DatabaseOutage } from '../helpers/database-outage';
import { TEST_SETTINGS, openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

// The operators' console's backend (ops.console, privacy.status, alerts.configure) and the byline's
// dynamic properties, through the real resolver definitions over a real database and the local
// Confluence over HTTP: an operator, a non-operator, Confluence and the database failing half-way.
const OPERATOR = 'acct-operator';
const SECOND_OPERATOR = 'acct-operator-2';
const NOT_OPERATOR = 'acct-somebody';
const NO_SUCH_PAGE = '987654321';

let db: TestDatabase;
let outage: DatabaseOutage;
let site: LocalConfluenceSite;
let confluence: Awaited<ReturnType<typeof serveLocalConfluence>>;
/** Confluence as the app, as the test wants it: counted, or failing. */
let pageLookups = 0;
let confluenceDown = false;
let app: App;
let handler: ReturnType<typeof buildResolverDefinitions>;

beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  pageLookups = 0;
  confluenceDown = false;
  site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  confluence = await serveLocalConfluence(site, { accounts: DEMO_CONFLUENCE_ACCOUNTS, retryAfterSeconds: 0 });
  outage = databaseOutage(db.rpc);
  const access = localConfluenceAccess(() => confluence.url);
  const watched = (port: ConfluencePort): ConfluencePort => ({
    ...port,
    getPages: (ids) => {
      pageLookups += 1;
      if (confluenceDown) return Promise.reject(new AppError('unavailable', 'Confluence is not answering'));
      return port.getPages(ids);
    },
  });
  const confluenceOf = (deadline: Deadline): ConfluenceAccess => {
    const inner = access(deadline);
    return { asUser: (account) => inner.asUser(account), asApp: () => watched(inner.asApp()) };
  };
  app = createApp({ rpc: outage.rpc, settings: TEST_SETTINGS, confluence: confluenceOf, log: () => undefined });
  handler = buildResolverDefinitions({ app: () => Promise.resolve(app), logError: () => undefined });
  const services = app.servicesFor({ site: TEST_SITE });
  await services.operators.add(OPERATOR, 'cli:root');
  await services.operators.add(SECOND_OPERATOR, OPERATOR);
});
afterEach(() => confluence.close());

async function invoke<T>(functionKey: string, payload: unknown, accountId: string, onSite = TEST_SITE) {
  return (await handler({ call: { functionKey, payload }, context: {} }, {
    principal: { accountId },
    installContext: onSite,
  } as never)) as Envelope<T>;
}
const audits = async (action: string) =>
  (await db.sql.query(`select id from ops_audit_log where action = $1`, [action])).length;
const deliveryRows = () =>
  db.sql.query<{ site_id: string; ops_page_id: string | null; report_page_id: string | null }>(
    'select site_id, ops_page_id, report_page_id from ops_delivery_setting order by site_id',
  );

async function insertBackups(onSite: string, count: number) {
  await db.sql.query(
    `insert into ops_backup (id, site_id, kind, snapshot_at, schema_version, file_name, bytes, total_rows, payload_sha256, includes_telemetry, verified_at, created_by)
     select gen_random_uuid(), $1, 'manual', now() - i * interval '1 hour', 15, 'backup-' || i || '.ndjson.gz', 1000 * i, 10 * i, repeat('a', 64), true, now(), 'test'
     from generate_series(1, $2) as i`,
    [onSite, count],
  );
}

describe('ops.console', () => {
  test('an HDC operator reads the operators, where alerts go, the latest five backups and drills and the privacy report, unaudited', async () => {
    await insertBackups(TEST_SITE, 6);
    await insertBackups(OTHER_SITE, 2);
    await db.sql.query(
      `insert into ops_drill (site_id, ran_by, passed, rto_ms, rpo_seconds, report, ran_at)
       values ($1, 'test', true, 4200, 30, '{}', now() - interval '2 days'), ($1, 'test', false, null, null, '{}', now() - interval '1 day')`,
      [TEST_SITE],
    );
    const auditRows = (await db.sql.query('select id from ops_audit_log')).length;

    const reply = await invoke<OpsConsole>('ops.console', {}, OPERATOR);
    if (!reply.ok) throw new Error(reply.error.message);
    const overview = reply.data;
    expect(overview.operators.map((operator) => [operator.accountId, operator.addedBy])).toEqual([
      [OPERATOR, 'cli:root'],
      [SECOND_OPERATOR, OPERATOR],
    ]);
    expect(overview.backups.map((backup) => backup.fileName)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `backup-${i}.ndjson.gz`),
    );
    expect(overview.drills.map((drill) => [drill.passed, drill.rtoMs])).toEqual([
      [false, null],
      [true, 4200],
    ]);
    expect(overview.delivery).toEqual({ opsPageId: null, reportPageId: null, updatedAt: null });
    expect(overview.privacy).toEqual({ lastCompletedAt: null, lastOutcome: null, inProgress: null, lastError: null });
    // A read: no audit row, nothing written.
    expect((await db.sql.query('select id from ops_audit_log')).length).toBe(auditRows);
  });

  test('anyone else is refused before anything is read, on every key the console calls', async () => {
    await insertBackups(TEST_SITE, 1);
    for (const key of ['ops.console', 'privacy.status', 'ops.summary', 'alerts.list', 'jobs.status', 'cleanup.plans']) {
      const reply = await invoke(key, {}, NOT_OPERATOR);
      expect({ key, reply }).toMatchObject({ key, reply: { ok: false, error: { code: 'forbidden' } } });
    }
    // An operator of another site is no operator here.
    expect(await invoke('ops.console', {}, OPERATOR, OTHER_SITE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  test('privacy.status answers the report’s status to operators', async () => {
    await db.sql.query(
      `insert into privacy_report_state (site_id, last_error, last_error_at, updated_at) values ($1, 'Atlassian answered 503', now(), now())`,
      [TEST_SITE],
    );
    const reply = await invoke<PrivacyStatus>('privacy.status', {}, OPERATOR);
    expect(reply).toMatchObject({
      ok: true,
      data: { lastOutcome: null, lastError: { message: 'Atlassian answered 503' } },
    });
  });
});

test('an app composed as Forge composes it has no backups: a clear refusal, not a missing function', async () => {
  await expect(
    app
      .servicesFor({ site: TEST_SITE })
      .recovery.backup({ actor: OPERATOR, file: '/tmp/never.ndjson.gz', kind: 'manual', includeTelemetry: false }),
  ).rejects.toMatchObject({ code: 'unavailable', guidance: expect.stringContaining('hdc-ops backup') });
});

describe('alerts.configure', () => {
  const configure = (accountId: string, opsPageId: string | null, reportPageId: string | null = null) =>
    invoke<DeliverySettings>('alerts.configure', { opsPageId, reportPageId }, accountId);

  test('an operator sets the operations page after Confluence confirms it; audited once', async () => {
    const reply = await configure(OPERATOR, OPS_HOME_PAGE_ID, WEEKLY_REPORT_PAGE_ID);
    expect(reply).toMatchObject({
      ok: true,
      data: { opsPageId: OPS_HOME_PAGE_ID, reportPageId: WEEKLY_REPORT_PAGE_ID },
    });
    expect(await deliveryRows()).toEqual([
      { site_id: TEST_SITE, ops_page_id: OPS_HOME_PAGE_ID, report_page_id: WEEKLY_REPORT_PAGE_ID },
    ]);
    expect(await audits('delivery_configured')).toBe(1);
    // Clearing asks Confluence nothing.
    pageLookups = 0;
    expect(await configure(OPERATOR, null)).toMatchObject({ ok: true, data: { opsPageId: null } });
    expect(pageLookups).toBe(0);
  });

  test('a non-operator is refused before Confluence is asked; bad ids and pages Confluence lacks change nothing', async () => {
    expect(await configure(NOT_OPERATOR, OPS_HOME_PAGE_ID)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(pageLookups).toBe(0);
    expect(await invoke('alerts.configure', { opsPageId: 'page-1', reportPageId: null }, OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await invoke('alerts.configure', { opsPageId: OPS_HOME_PAGE_ID }, OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    const missing = await configure(OPERATOR, NO_SUCH_PAGE);
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'validation', message: `Page ${NO_SUCH_PAGE} is not a current Confluence page HDC Ops can see` },
    });
    // A page in the trash would swallow every alert: refused too.
    expect(site.trash(LOCAL_APP_ACCOUNT, WEEKLY_REPORT_PAGE_ID)).toBeNull();
    expect(await configure(OPERATOR, OPS_HOME_PAGE_ID, WEEKLY_REPORT_PAGE_ID)).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining(WEEKLY_REPORT_PAGE_ID) },
    });
    expect(await deliveryRows()).toEqual([]);
    expect(await audits('delivery_configured')).toBe(0);
  });

  test('Confluence down, then the database down half-way: nothing stored either time, and the retry saves once', async () => {
    confluenceDown = true;
    expect(await configure(OPERATOR, OPS_HOME_PAGE_ID)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    confluenceDown = false;
    // The operator check and Confluence answered; the database goes before the write.
    outage.downAfter('hdc_is_operator', 1);
    const cut = await configure(OPERATOR, OPS_HOME_PAGE_ID);
    expect(cut).toMatchObject({ ok: false, error: { retryable: true } });
    outage.up();
    expect(await deliveryRows()).toEqual([]);
    expect(await audits('delivery_configured')).toBe(0);

    expect(await configure(OPERATOR, OPS_HOME_PAGE_ID)).toMatchObject({ ok: true });
    expect(await deliveryRows()).toEqual([{ site_id: TEST_SITE, ops_page_id: OPS_HOME_PAGE_ID, report_page_id: null }]);
    expect(await audits('delivery_configured')).toBe(1);
  });

  test('two operators at once: one setting row, the last write stands, each audited', async () => {
    const [first, second] = await Promise.all([
      configure(OPERATOR, OPS_HOME_PAGE_ID),
      configure(SECOND_OPERATOR, WEEKLY_REPORT_PAGE_ID),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    const rows = await deliveryRows();
    expect(rows).toHaveLength(1);
    const [latest] = await db.sql.query<{ subject: string }>(
      `select subject from ops_audit_log where action = 'delivery_configured' order by id desc limit 1`,
    );
    expect(rows[0]!.ops_page_id).toBe(latest!.subject);
    expect(await audits('delivery_configured')).toBe(2);
  });
});

describe('the sync byline (hdc-sync-byline dynamic properties)', () => {
  const properties = () => buildSyncBylineProperties({ app: () => Promise.resolve(app), log: () => undefined });
  const onPage = (pageId: string) => ({ extension: { content: { id: pageId, type: 'page' } } });
  const forge = { installContext: TEST_SITE, principal: { accountId: NOT_OPERATOR } };

  test('an event page shows its state, for anyone who can view the page; other pages say they are no event page', async () => {
    const pageId = '4000001';
    const eventId = await makeSyncableEvent(db.sql, 'acct-admin', 2, 1, {
      pageId,
      lifecycle: 'results',
      name: 'Winter Jam',
    });
    expect(await properties()(onPage(pageId), forge)).toEqual({
      title: 'Sync: Not synced',
      tooltip: "Winter Jam: 3 submitted hacks, none synced yet. Open for the sync panel's facts.",
    });
    const services = app.servicesFor({ site: TEST_SITE });
    await services.sync.completeAndSync({ accountId: 'acct-admin' }, eventId, {});
    const after = await properties()({ context: onPage(pageId) }, forge);
    expect(after).toEqual({
      title: 'Sync: Partial',
      tooltip: "Winter Jam: 2 pushed, 0 skipped, 1 failed. Open for the sync panel's facts.",
    });
    // The same page id on another site is not this site's event.
    expect((await properties()(onPage(pageId), { ...forge, installContext: OTHER_SITE })).title).toBe('HDC Ops');
    expect((await properties()(onPage('4000999'), forge)).title).toBe('HDC Ops');
    // Two events on one page (a duplicate reference): no state is the page's, and the byline says why.
    await makeEvent(db.sql, { pageId, name: 'Winter Jam (copy)' });
    expect(await properties()(onPage(pageId), forge)).toEqual({
      title: 'HDC sync',
      tooltip: 'Two or more HDC events reference this page: an HDC operator resolves it in the orphan-page cleanup.',
    });
    expect((await properties()({}, forge)).title).toBe('HDC Ops');
  });

  test('the database down: the byline says the state is unknown, never a guessed one', async () => {
    const pageId = '4000002';
    const eventId = await makeEvent(db.sql, { pageId });
    await makeAdmin(db.sql, eventId, 'acct-admin');
    outage.down();
    try {
      expect(await properties()(onPage(pageId), forge)).toEqual({
        title: 'HDC sync',
        tooltip: 'The sync state could not be read just now: open for details.',
      });
    } finally {
      outage.up();
    }
  });
});
