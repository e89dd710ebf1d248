import type { SiteId } from '../shared/site';
import type { SqlTransaction } from '../store/sql-executor';

export const DEMO_HISTORY_WEEKS = 8;
const HOUR_MS = 3_600_000;

/**
 * What a healthy HDC records from `since` to `now` (whole hours), so a fresh demo's trend charts mean something: per
 * hour, the sampler's two probes and its run; in working hours (weekdays 08–18 UTC) people's
 * registry lookups (6 an hour) and a Complete + Sync every other hour, by two dozen people; a rare
 * refusal and a rarer error. Latencies are log-normal around 18 ms (registry) and 70 ms (sync), drifting a little from
 * week to week. Deterministic (setseed), set-based, one transaction; the bulk insert is exempt from
 * the statement timeout as a data load is.
 */
export async function insertDemoTelemetryHistory(
  tx: SqlTransaction,
  site: SiteId,
  parentPageId: string,
  span: { since: Date; now: Date },
): Promise<{ rows: number; runs: number }> {
  const to = new Date(Math.floor(span.now.getTime() / HOUR_MS) * HOUR_MS);
  const from = new Date(Math.floor(span.since.getTime() / HOUR_MS) * HOUR_MS);
  await tx.exec('set local statement_timeout = 0');
  await tx.query('select setseed(0.2026)');
  const [inserted] = await tx.query<{ rows: number }>(
    `with hours as (
       select h, extract(isodow from h) between 1 and 5 and extract(hour from h) between 8 and 17 as busy,
         1 + 0.06 * sin(extract(epoch from h) / (7 * 86400)) as drift
       from generate_series($2::timestamptz, $3::timestamptz - interval '1 hour', interval '1 hour') as h
     ), calls as (
       select h, drift, 'registry_lookup' as metric, 'organic' as source, n from hours, generate_series(1, case when busy then 6 else 1 end) as n
       union all select h, drift, 'sync_execution', 'organic', n from hours, generate_series(1, 1) as n where busy and extract(hour from h)::int % 2 = 0
       union all select h, drift, 'registry_lookup', 'probe', 1 from hours
       union all select h, drift, 'sync_execution', 'probe', 1 from hours
     ), shaped as (
       select c.*, random() as roll, random() as u1, random() as u2, random() as at, floor(random() * 24)::int as person from calls c
     ), rows as (
       insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, duration_source, attributes, recorded_at, caller)
       select gen_random_uuid(), $1, metric, source,
         case when source = 'organic' and roll < 0.004 then 'rejected' when roll > 0.998 then 'error' else 'success' end,
         (case when metric = 'registry_lookup' then 18 else 70 end) * drift
           * exp(0.35 * sqrt(-2 * ln(1 - u1)) * cos(2 * pi() * u2)),
         'end_to_end',
         case
           when source = 'organic' and roll < 0.004 then jsonb_build_object('errorCode', 'forbidden', 'sqlState', 'HDC02')
           when roll > 0.998 then jsonb_build_object('errorCode', 'transient')
           when source = 'probe' and metric = 'sync_execution' then jsonb_build_object('action', 'probe', 'rowCount', 3)
           when metric = 'sync_execution' then jsonb_build_object('action', 'complete', 'rowCount', 3, 'syncStatus', 'complete')
           else jsonb_build_object('parentPageId', $4::text, 'rowCount', 11)
         end,
         h + at * interval '1 hour',
         case when source = 'organic' then hdc_caller_key($1, 'demo-person-' || person) end
       from shaped
       returning 1
     )
     select count(*)::int as rows from rows`,
    [site, from.toISOString(), to.toISOString(), parentPageId],
  );
  const [runs] = await tx.query<{ runs: number }>(
    `with runs as (
       insert into scheduled_run (site_id, job, started_at, finished_at, status, detail)
       select $1, 'telemetry_sampler', h + interval '2 minutes', h + interval '2 minutes 3 seconds', 'ok',
         jsonb_build_object('severity', 'none', 'probedMetrics', jsonb_build_array('registry_lookup', 'sync_execution'), 'demoHistory', true)
       from generate_series($2::timestamptz, $3::timestamptz - interval '1 hour', interval '1 hour') as h
       returning 1
     )
     select count(*)::int as runs from runs`,
    [site, from.toISOString(), to.toISOString()],
  );
  return { rows: inserted?.rows ?? 0, runs: runs?.runs ?? 0 };
}
