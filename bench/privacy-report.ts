import { serveLocalConfluence } from '../dev/local-confluence/serve-local-confluence';
import { LOCAL_APP_ACCOUNT } from '../dev/local-confluence/local-confluence-site';
import { LOCAL_CONFLUENCE_TOKEN } from '../dev/local-confluence/local-confluence-server';
import { openLocalConfluenceSite } from '../dev/start-local-host';
import type { AppSettings } from '../src/app/app-settings';
import { createApp } from '../src/app/create-app';
import { createDatabaseAdmin } from '../src/app/database-admin';
import { localDatabaseOver } from '../src/app/local-database';
import { createHttpAccountReporter } from '../src/privacy/http-account-reporter';
import { DEMO_PARENT_PAGE_ID } from '../src/seed/demo-hdc';
import { LOCAL_SITE_ID } from '../src/shared/site';
import type { RpcClient } from '../src/store/rpc-client';
import type { SqlExecutor } from '../src/store/sql-executor';
import { TelemetryOutbox } from '../src/telemetry/telemetry-outbox';
import { NO_DEADLINE } from '../src/shared/deadline';
import { createPrivacyStore } from '../src/store/privacy-store';
import { createSiteRpc } from '../src/store/site-rpc';
import { percentile } from './percentiles';

const ACCOUNTS = 10_000;
const CLOSED = 100;
const LATENCY_MS = 50;
const round = (value: number) => Math.round(value * 10) / 10;
const person = (i: number) => `bench-person-${String(i).padStart(5, '0')}`;

/**
 * The site: 10,000 events, each with its own primary admin (10,000 stored accounts), an audit row by
 * that admin naming them in its JSON, and a hack they own.
 */
async function seedPeople(sql: SqlExecutor) {
  await sql.query(
    `with people as (select g, 'bench-person-' || lpad(g::text, 5, '0') as account from generate_series(1, $2::int) g),
     u as (insert into users (site_id, account_id) select $1, account from people),
     e as (insert into event (site_id, name, lifecycle, confluence_page_id, confluence_parent_page_id)
           select $1, 'Privacy bench ' || g, 'results', (7000000 + g)::text, '100' from people returning id, confluence_page_id),
     m as (select e.id, p.account from e join people p on e.confluence_page_id = (7000000 + p.g)::text),
     a as (insert into event_admin (site_id, event_id, account_id, role) select $1, id, account, 'primary' from m),
     h as (insert into hack (site_id, event_id, title, owner_account_id, submitted_at) select $1, id, 'Hack', account, now() from m)
     insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after)
     select $1, id, account, 'sync_complete', jsonb_build_object('admins', jsonb_build_array(account)), '{}' from m`,
    [LOCAL_SITE_ID, ACCOUNTS],
  );
  await sql.exec('analyze');
}

/** The database's calls of one function: how long each took and how many it made. */
function timedCalls(inner: RpcClient, fn: string) {
  const times: number[] = [];
  return {
    times,
    rpc: {
      get roundTrips() {
        return inner.roundTrips;
      },
      async call(request: Parameters<RpcClient['call']>[0]) {
        const started = performance.now();
        try {
          return await inner.call(request);
        } finally {
          if ((request.name ?? request.fn) === fn) times.push(performance.now() - started);
        }
      },
    } satisfies RpcClient,
  };
}

/**
 * privacy_report: 10,000 stored accounts on one site reported to the local host's
 * /app/report-accounts with 50 ms a request (ceil(10,000 / 90) = 112 requests), 100 of them closed
 * and erased as the report goes (≤ 10 s); then erasing 100 closed accounts over the 10,000 events in
 * two batches (90 + 10), one database round trip each (≤ 2 s).
 */
export async function benchPrivacyReport(settings: AppSettings, sql: SqlExecutor) {
  const admin = createDatabaseAdmin(sql);
  await admin.migrate();
  await seedPeople(sql);
  const database = localDatabaseOver(sql);
  const site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  const accounts = new Set([LOCAL_APP_ACCOUNT, ...Array.from({ length: ACCOUNTS }, (_, i) => person(i + 1))]);
  const confluence = await serveLocalConfluence(site, { accounts, latencyMs: LATENCY_MS });
  for (let i = 1; i <= CLOSED; i += 1) site.changeAccount(person(i * 97), 'closed', new Date());
  const records = timedCalls(database.rpc, 'hdc_privacy_report_record');
  const services = createApp({
    rpc: records.rpc,
    settings,
    log: () => undefined,
    accountReporter: (deadline) =>
      createHttpAccountReporter({
        baseUrl: confluence.url,
        email: LOCAL_APP_ACCOUNT,
        apiToken: LOCAL_CONFLUENCE_TOKEN,
        deadline,
      }),
  }).servicesFor({ site: LOCAL_SITE_ID });
  const before = database.rpc.roundTrips;
  const started = performance.now();
  const run = await services.privacy.report();
  const wallMs = performance.now() - started;
  if (run.status !== 'completed') throw new Error(`the report did not complete: ${run.message ?? run.status}`);
  const report = {
    accounts: ACCOUNTS,
    latencyMsPerRequest: LATENCY_MS,
    requests: confluence.api.stats.byRoute['POST /app/report-accounts'] ?? 0,
    expectedRequests: Math.ceil(ACCOUNTS / 90),
    databaseRoundTrips: database.rpc.roundTrips - before,
    wallMs: round(wallMs),
    closed: run.closed,
    erased: run.erased,
    recordP50Ms: round(percentile(records.times, 50)),
    recordP95Ms: round(percentile(records.times, 95)),
    targetMs: 10_000,
  };
  await confluence.close();

  // 100 more closed accounts, erased in two batches (90 + 10), as a report's batches carry them.
  const erase = timedCalls(database.rpc, 'hdc_privacy_report_record');
  const store = createPrivacyStore(
    createSiteRpc(erase.rpc, new TelemetryOutbox(), { site: LOCAL_SITE_ID, deadline: NO_DEADLINE }),
  );
  const closed = Array.from({ length: CLOSED }, (_, i) => person(i * 97 + 1));
  const seenCompletedAt = (await store.status()).lastCompletedAt;
  const eraseStarted = performance.now();
  for (const batch of [closed.slice(0, 90), closed.slice(90)])
    await store.record(
      'hdc-ops',
      {
        seenCompletedAt,
        afterKey: null,
        throughKey: 'f'.repeat(32),
        more: true,
        reported: batch.length,
        updated: 0,
        closed: batch,
      },
      new Date(),
    );
  const eraseMs = performance.now() - eraseStarted;
  const left = await sql.query<{ n: string }>('select count(*) as n from event_admin where account_id = any($1)', [
    closed,
  ]);
  return {
    ...report,
    erase100: {
      events: ACCOUNTS,
      accounts: CLOSED,
      batches: 2,
      databaseRoundTrips: erase.times.length,
      wallMs: round(eraseMs),
      batchMs: erase.times.map(round),
      adminsLeft: Number(left[0]?.n ?? Number.NaN),
      targetMs: 2_000,
    },
  };
}
