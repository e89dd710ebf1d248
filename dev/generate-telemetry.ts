import type { SqlTransaction } from '../src/store/sql-executor';

export interface TelemetryGeneration {
  site: string;
  rows: number;
  /** The rows are spread evenly over [from, to), in time order. */
  from: Date;
  to: Date;
  /** Seeds random() so that a run can be repeated (durations, outcomes stay the same). */
  seed?: number;
}

/**
 * Synthetic telemetry for the bench and the tests, generated in the database in one statement:
 * 90 % registry lookups, 10 % syncs (every hundredth call a probe), 0.5 % errors of which a fifth
 * are refusals (an SQLSTATE) and a fifth rate-limited, durations log-normal around 8 ms (registry)
 * and 40 ms (sync) with a tail, people's calls by 50 people. Marks the hours it wrote for the fold, as every telemetry writer does.
 */
/** Runs in `tx`, a transaction: its statement timeout is lifted for the load. */
export async function generateTelemetry(tx: SqlTransaction, generation: TelemetryGeneration): Promise<void> {
  const { site, rows, from, to, seed = 0.42 } = generation;
  // A bulk load, not an API call: the statement timeout does not apply (call it in a transaction).
  await tx.exec('set local statement_timeout = 0');
  await tx.query('select setseed($1)', [seed]);
  await tx.query(
    `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, duration_source, attributes, recorded_at, caller)
     select gen_random_uuid(), $1,
       case when i % 10 = 0 then 'sync_execution' else 'registry_lookup' end,
       case when i % 100 = 1 then 'probe' else 'organic' end,
       case when i % 1000 = 7 then 'rejected' when i % 200 = 7 then 'error' else 'success' end,
       (case when i % 10 = 0 then 40 else 8 end)
         * exp(0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())),
       'end_to_end',
       case
         when i % 1000 = 7 then '{"errorCode":"validation","sqlState":"HDC04"}'::jsonb
         when i % 1000 = 207 then '{"errorCode":"transient","rateLimited":true}'::jsonb
         when i % 200 = 7 then '{"errorCode":"transient"}'::jsonb
         when i % 10 = 0 then '{"action":"complete","rowCount":3}'::jsonb
         else '{"parentPageId":"31000001","rowCount":20}'::jsonb
       end,
       $2::timestamptz + (i - 1) * (($3::timestamptz - $2::timestamptz) / $4::int),
       case when i % 100 <> 1 then hdc_caller_key($1, 'person-' || (i % 50)) end
     from generate_series(1, $4::int) as i`,
    [site, from.toISOString(), to.toISOString(), rows],
  );
  await tx.query(
    `select hdc_mark_telemetry_unfolded($1, array(
       select g from generate_series($2::timestamptz, $3::timestamptz, interval '1 hour') as g))`,
    [site, from.toISOString(), to.toISOString()],
  );
}
