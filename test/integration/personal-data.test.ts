import { DEMO_CONFLUENCE_ACCOUNTS } from '../../dev/local-confluence/demo-confluence-pages';
import { LOCAL_APP_ACCOUNT } from '../../dev/local-confluence/local-confluence-site';
import type { LocalConfluenceSite } from '../../dev/local-confluence/local-confluence-site';
import { LOCAL_CONFLUENCE_TOKEN } from '../../dev/local-confluence/local-confluence-server';
import { serveLocalConfluence } from '../../dev/local-confluence/serve-local-confluence';
import { openLocalConfluenceSite } from '../../dev/start-local-host';
import type { AppServices } from '../../src/app/create-app';
import type { RpcClient } from '../../src/store/rpc-client';
import { isErasedAccount } from '../../src/contract/erased-account';
import { createHttpAccountReporter } from '../../src/privacy/http-account-reporter';
import type { AccountReporter } from '../../src/privacy/privacy-port';
import { REPORT_BATCH_SIZE } from '../../src/privacy/privacy-port';
import { createPrivacyService } from '../../src/privacy/privacy-service';
import { createPrivacyStore } from '../../src/store/privacy-store';
import { createSiteRpc } from '../../src/store/site-rpc';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import type { Clock } from '../../src/shared/clock';
import type { Deadline } from '../../src/shared/deadline';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { databaseOutage } from '../helpers/database-outage';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

// Personal data: the registry of account columns, the privacy report against the local host's
// /app/report-accounts (as Atlassian answers apps), erasure by pseudonym, and an operator's erasure.
const T0 = new Date('2026-11-10T12:00:00Z');
const OPERATOR = 'op-olga';
const CLOSED = 'person-closed';

let db: TestDatabase;
let at = T0.getTime();
const clock: Clock = { now: () => new Date(at), monotonicMs: () => performance.now() };
let site: LocalConfluenceSite;
let confluence: Awaited<ReturnType<typeof serveLocalConfluence>>;
/** Wraps the reporter of services built after it is set (Atlassian failing half-way); identity by default. */
let wrapReporter: (reporter: AccountReporter) => AccountReporter = (reporter) => reporter;
const accounts = new Set<string>([...DEMO_CONFLUENCE_ACCOUNTS, OPERATOR, CLOSED]);

beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.reset();
  at = T0.getTime();
  wrapReporter = (reporter) => reporter;
  site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  confluence = await serveLocalConfluence(site, { accounts, retryAfterSeconds: 0 });
  await services().operators.add(OPERATOR, OPERATOR);
});
afterEach(() => confluence.close());

function reporterAt(deadline: Deadline): AccountReporter {
  return wrapReporter(
    createHttpAccountReporter({
      baseUrl: confluence.url,
      email: LOCAL_APP_ACCOUNT,
      apiToken: LOCAL_CONFLUENCE_TOKEN,
      deadline,
      sleep: () => Promise.resolve(),
    }),
  );
}

/** The report with pages of one request (90 accounts), to stop between pages; over `rpc` when given. */
function pagedPrivacy(rpc: RpcClient = db.rpc) {
  const deadline = { remainingMs: () => 60_000 };
  return createPrivacyService({
    store: createPrivacyStore(createSiteRpc(rpc, new TelemetryOutbox(), { site: TEST_SITE, deadline })),
    reporter: reporterAt(deadline),
    clock,
    deadline,
    pageSize: REPORT_BATCH_SIZE,
  });
}

function services(): AppServices {
  return db.app({ clock, accountReporter: reporterAt }).servicesFor({ site: TEST_SITE });
}

/** A person in every kind of place: admin of an event, owner of a hack, in the event's audit, operator, telemetry. */
async function personEverywhere(account: string, siteId = TEST_SITE) {
  const eventId = await makeEvent(db.sql, { site: siteId, name: 'Event of a person' });
  await makeAdmin(db.sql, eventId, account, 'primary');
  await makeHack(db.sql, eventId, { ownerAccountId: account, submitted: true });
  await db.sql.query(
    `insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after)
     values ($1, $2, $3::text, 'sync_complete', jsonb_build_object('admins', jsonb_build_array($3::text)), '{}')`,
    [siteId, eventId, account],
  );
  await db.sql.query(
    `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at, caller)
     values (gen_random_uuid(), $1, 'registry_lookup', 'organic', 'success', 5, '{}', $2, hdc_caller_key($1, $3))`,
    [siteId, T0.toISOString(), account],
  );
  return eventId;
}

/** Every row of a site's tables that still holds the text, as "table: row". */
async function rowsNaming(text: string, siteId = TEST_SITE): Promise<string[]> {
  const tables = await db.sql.query<{ name: string }>('select hdc_site_tables() as name');
  const found: string[] = [];
  for (const { name } of tables) {
    const rows = await db.sql.query<{ row: string }>(
      `select t::text as row from ${name} t where site_id = $1 and strpos(t::text, $2) > 0`,
      [siteId, text],
    );
    found.push(...rows.map((row) => `${name}: ${row.row}`));
  }
  return found;
}

const countOf = async (sql: string, params: unknown[] = []) =>
  Number((await db.sql.query<{ n: string }>(sql, params))[0]!.n);

describe('the registry of account columns', () => {
  test('every column that holds an account id, by name or by the hdc_account_id domain, is registered', async () => {
    const unregistered = await db.sql.query<{ column: string }>(
      `select c.table_name || '.' || c.column_name as column
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = current_schema()
         and (c.domain_name = 'hdc_account_id'
              or c.column_name ~ '(account|actor|caller|owner|author|_by$|executor|user)')
         and c.column_name not in ('owner_account_id_unused')
         and not exists (select 1 from hdc_personal_data_column r where r.table_name = c.table_name and r.column_name = c.column_name)
       order by 1`,
    );
    expect(unregistered).toEqual([]);
  });

  test('every JSON document of a site table is registered, or known to hold no account id', async () => {
    const withoutAccounts = [
      'privacy_report_state.last_outcome',
      'telemetry_event.attributes',
      'telemetry_latency_hour.samples',
    ];
    const unregistered = await db.sql.query<{ column: string }>(
      `select c.table_name || '.' || c.column_name as column
       from information_schema.columns c
       where c.table_schema = current_schema() and c.data_type = 'jsonb'
         and c.table_name in (select hdc_site_tables())
         and not exists (select 1 from hdc_personal_data_column r where r.table_name = c.table_name and r.column_name = c.column_name)
       order by 1`,
    );
    expect(unregistered.map((row) => row.column)).toEqual(withoutAccounts);
  });

  test('every registered column exists, in a site table', async () => {
    const missing = await db.sql.query<{ column: string }>(
      `select r.table_name || '.' || r.column_name as column from hdc_personal_data_column r
       where not exists (select 1 from information_schema.columns c where c.table_schema = current_schema()
                           and c.table_name = r.table_name and c.column_name = r.column_name)
          or r.table_name not in (select hdc_site_tables())`,
    );
    expect(missing).toEqual([]);
  });
});

describe('the privacy report', () => {
  test('a closed account is erased from every table of its site in the run: pseudonymised, removed as admin and operator, the audit keeping its shape', async () => {
    const eventId = await personEverywhere(CLOSED);
    await makeAdmin(db.sql, eventId, 'person-other', 'co_admin');
    await services().operators.add(CLOSED, OPERATOR);
    await personEverywhere(CLOSED, OTHER_SITE);
    const auditRows = await countOf('select count(*) as n from event_audit_log where site_id = $1', [TEST_SITE]);
    const people = await countOf('select count(distinct caller) as n from telemetry_event where site_id = $1', [
      TEST_SITE,
    ]);
    site.changeAccount(CLOSED, 'closed', T0);

    const run = await services().privacy.report();

    expect(run).toMatchObject({ status: 'completed', closed: 1, erased: 1, requests: 1 });
    expect(await rowsNaming(CLOSED)).toEqual([]);
    expect(await countOf('select count(*) as n from event_audit_log where site_id = $1', [TEST_SITE])).toBe(auditRows);
    expect(
      await countOf('select count(distinct caller) as n from telemetry_event where site_id = $1', [TEST_SITE]),
    ).toBe(people);
    expect(await countOf('select count(*) as n from event_admin where event_id = $1', [eventId])).toBe(1);
    expect((await services().operators.list()).map((operator) => operator.accountId)).toEqual([OPERATOR]);
    const erased = await db.sql.query<{ actor: string; subject: string }>(
      `select actor, subject from ops_audit_log where site_id = $1 and action = 'account_erased'`,
      [TEST_SITE],
    );
    expect(erased).toHaveLength(1);
    expect(isErasedAccount(erased[0]!.subject)).toBe(true);
    const [hack] = await db.sql.query<{ owner: string }>(
      'select owner_account_id as owner from hack where event_id = $1',
      [eventId],
    );
    expect(hack!.owner).toBe(erased[0]!.subject);
    // The event left without a primary admin is an integrity finding.
    const dryRun = await services().verification.dryRun('Event of a person');
    expect(dryRun.summary.noPrimaryAdmin).toBe(1);
    // Another site's rows are its own report's.
    expect((await rowsNaming(CLOSED, OTHER_SITE)).length).toBeGreaterThan(0);
    const outcome = (await services().privacy.status()).lastOutcome;
    expect(outcome).toMatchObject({ closed: 1, reported: 3 });
    expect(Date.parse(outcome!.finishedAt)).toBe(T0.getTime());
  });

  test('accounts go 90 a request, each with the time HDC Ops last wrote a row naming it; updated ones change nothing', async () => {
    const eventId = await makeEvent(db.sql);
    for (let i = 0; i < 200; i += 1)
      await makeAdmin(db.sql, eventId, `person-${String(i).padStart(3, '0')}`, 'co_admin');
    // Atlassian says updated when the profile changed after the time reported: the newest row naming them.
    const [newest] = await db.sql.query<{ at: Date }>('select max(created_at) as at from event_admin');
    site.changeAccount('person-007', 'updated', new Date(new Date(newest!.at).getTime() + 3_600_000));
    const before = await countOf('select count(*) as n from event_admin');

    const run = await services().privacy.report();

    // 200 co-admins and the operator.
    expect(run).toMatchObject({ status: 'completed', reported: 201, requests: 3, updated: 1, closed: 0 });
    expect(confluence.api.stats.byRoute['POST /app/report-accounts']).toBe(3);
    expect(await countOf('select count(*) as n from event_admin')).toBe(before);
  });

  test('Atlassian failing half-way: the recorded batches stand, the run says so, and the next run goes on from there', async () => {
    const eventId = await makeEvent(db.sql);
    for (let i = 0; i < 200; i += 1)
      await makeAdmin(db.sql, eventId, `person-${String(i).padStart(3, '0')}`, 'co_admin');
    site.changeAccount('person-010', 'closed', T0);
    site.changeAccount('person-199', 'closed', T0);
    let calls = 0;
    wrapReporter = (reporter) => ({
      report: async (batch) => {
        calls += 1;
        if (calls === 2) confluence.api.settings.rateLimitShare = 1;
        try {
          return await reporter.report(batch);
        } finally {
          confluence.api.settings.rateLimitShare = 0;
        }
      },
    });

    const first = await pagedPrivacy().report();
    expect(first).toMatchObject({ status: 'failed', requests: 1, reported: 90 });
    expect(first.message).toMatch(/429|busy|the next run goes on/i);
    const status = await services().privacy.status();
    expect(status.inProgress).toMatchObject({ reported: 90 });
    expect(status.lastError?.message).toMatch(/next run/);

    at += 60_000;
    const second = await pagedPrivacy().report();
    expect(second).toMatchObject({ status: 'completed', reported: 111 });
    expect((await services().privacy.status()).lastOutcome).toMatchObject({ reported: 201, closed: 2 });
    expect(await rowsNaming('person-010')).toEqual([]);
    expect(await rowsNaming('person-199')).toEqual([]);
  });

  test('the database down half-way: a batch is erased and recorded together or not at all; the retry completes', async () => {
    await personEverywhere(CLOSED);
    const eventId = await makeEvent(db.sql);
    for (let i = 0; i < 100; i += 1)
      await makeAdmin(db.sql, eventId, `person-${String(i).padStart(3, '0')}`, 'co_admin');
    site.changeAccount(CLOSED, 'closed', T0);
    const outage = databaseOutage(db.rpc);
    outage.downAfter('hdc_privacy_report_record', 1);

    const first = await pagedPrivacy(outage.rpc).report();
    expect(first.status).toBe('failed');
    outage.up();
    const recorded = await services().privacy.status();
    expect(recorded.inProgress?.reported).toBe(90);

    const second = await pagedPrivacy().report();
    expect(second.status).toBe('completed');
    expect(await rowsNaming(CLOSED)).toEqual([]);
    expect(await countOf(`select count(*) as n from ops_audit_log where action = 'account_erased'`)).toBe(1);
    expect((await services().privacy.status()).lastOutcome).toMatchObject({ reported: 102, closed: 1 });
  });

  test('a refusal: an endpoint that answers apps only refuses the CLI, and nothing changes', async () => {
    await personEverywhere(CLOSED);
    site.changeAccount(CLOSED, 'closed', T0);
    const before = await rowsNaming(CLOSED);
    wrapReporter = () =>
      createHttpAccountReporter({
        baseUrl: confluence.url,
        email: OPERATOR,
        apiToken: LOCAL_CONFLUENCE_TOKEN,
        deadline: { remainingMs: () => 60_000 },
      });

    const run = await services().privacy.report();

    expect(run).toMatchObject({ status: 'failed', requests: 0 });
    expect(run.message).toMatch(/HTTP 403/);
    expect(await rowsNaming(CLOSED)).toEqual(before);
  });

  test('two runs at once erase a closed account once', async () => {
    await personEverywhere(CLOSED);
    site.changeAccount(CLOSED, 'closed', T0);

    const runs = await Promise.all([services().privacy.report(), services().privacy.report()]);

    expect(runs.some((run) => run.status === 'completed')).toBe(true);
    expect(await rowsNaming(CLOSED)).toEqual([]);
    expect(await countOf(`select count(*) as n from ops_audit_log where action = 'account_erased'`)).toBe(1);
    // A run that read the site after the other's pass ended makes a pass of its own: the closed account counts once.
    expect(
      await countOf(`select sum((detail ->> 'closed')::int) as n from ops_audit_log where action = 'privacy_reported'`),
    ).toBe(1);
  });

  test('the scheduled run reports when a week has passed since the last pass, not before', async () => {
    expect((await services().privacy.reportIfDue()).status).toBe('completed');
    at += 86_400_000;
    expect((await services().privacy.reportIfDue()).status).toBe('not_due');
    at += 6 * 86_400_000;
    expect((await services().privacy.reportIfDue()).status).toBe('completed');
  });
});

describe('an operator erases a person on request', () => {
  test('erased everywhere on the site, audited without naming them', async () => {
    await personEverywhere(CLOSED);
    const erasure = await services().privacy.erase(OPERATOR, CLOSED);
    expect(erasure).toMatchObject({ erased: 1 });
    expect(await rowsNaming(CLOSED)).toEqual([]);
    expect(await services().privacy.erase(OPERATOR, CLOSED)).toMatchObject({ erased: 0, rows: 0 });
  });

  test('a non-operator is refused and a malformed id is a validation error; nothing changes', async () => {
    await personEverywhere(CLOSED);
    const before = await rowsNaming(CLOSED);
    await expect(services().privacy.erase('person-other', CLOSED)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(services().privacy.erase(OPERATOR, 'not an id')).rejects.toMatchObject({ code: 'validation' });
    await expect(services().privacy.erase(OPERATOR, 'hdc-ops')).rejects.toMatchObject({ code: 'validation' });
    expect(await rowsNaming(CLOSED)).toEqual(before);
  });
});

describe('installations and releases', () => {
  test('an install and an upgrade are recorded once each, whoever delivers them twice, and mark the trends', async () => {
    const event = {
      kind: 'installed' as const,
      installationId: 'inst-1',
      version: '2.0.0',
      accountId: 'person-admin',
      at: T0,
    };
    expect(await services().installations.record(event)).toEqual({ recorded: true });
    expect(await services().installations.record(event)).toEqual({ recorded: false });
    at += 3_600_000;
    const upgrade = { ...event, kind: 'upgraded' as const, version: '2.1.0', at: new Date(at) };
    expect(await services().installations.record(upgrade)).toEqual({ recorded: true });
    expect(await services().installations.record(upgrade)).toEqual({ recorded: false });

    const audited = await db.sql.query<{ action: string }>(
      `select action from ops_audit_log where action in ('app_installed', 'app_upgraded') order by id`,
    );
    expect(audited.map((row) => row.action)).toEqual(['app_installed', 'app_upgraded']);
    const [installation] = await db.sql.query<{ version: string; installed_by: string }>(
      'select version, installed_by from app_installation where site_id = $1',
      [TEST_SITE],
    );
    expect(installation).toEqual({ version: '2.1.0', installed_by: 'person-admin' });
    const releases = await db.sql.query<{ releases: { source: string; version: string }[] }>(
      'select hdc_release_list($1, $2) as releases',
      [TEST_SITE, T0.toISOString()],
    );
    expect(releases[0]!.releases.filter((release) => release.source !== 'migrate')).toEqual([
      expect.objectContaining({ source: 'installed', version: '2.0.0' }),
      expect.objectContaining({ source: 'upgraded', version: '2.1.0' }),
    ]);
    // The installer is personal data: reported, and erased when closed.
    site.changeAccount('person-admin', 'closed', T0);
    await services().privacy.report();
    expect(await rowsNaming('person-admin')).toEqual([]);
  });

  test('a malformed event changes nothing', async () => {
    await expect(
      services().installations.record({ kind: 'installed', installationId: '', version: 'x', accountId: null, at: T0 }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(await countOf('select count(*) as n from app_installation')).toBe(0);
  });
});
