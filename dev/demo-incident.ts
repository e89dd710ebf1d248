import type { SqlExecutor } from '../src/store/sql-executor';

const TEN_MINUTES_MS = 10 * 60_000;

/**
 * A demo incident: ten minutes of registry lookups up to `now` by ten people, half of them failing,
 * as telemetry rows (the hours marked for the fold, as every telemetry writer does). The next alert
 * evaluation fires the hypercare rollback trigger (P0), the escalation trigger and the fast burn (P1)
 * and the slower burns (P2, P3); their delivery writes the incident pages and notifies the on-call operators.
 */
export async function writeDemoIncident(sql: SqlExecutor, site: string, now: Date): Promise<void> {
  const from = new Date(now.getTime() - TEN_MINUTES_MS);
  await sql.transaction(async (tx) => {
    await tx.query(
      `insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, attributes, recorded_at, caller)
       select gen_random_uuid(), $1, 'registry_lookup', 'organic', case when i % 2 = 0 then 'error' else 'success' end,
         12, case when i % 2 = 0 then '{"errorCode":"transient"}'::jsonb else '{}'::jsonb end,
         $2::timestamptz + (i - 1) * interval '2 seconds', hdc_caller_key($1, 'demo-caller-' || (i % 10))
       from generate_series(1, 300) as i`,
      [site, from.toISOString()],
    );
    await tx.query(
      `select hdc_mark_telemetry_unfolded($1, array(
         select g from generate_series(date_trunc('hour', $2::timestamptz), $3::timestamptz, interval '1 hour') as g))`,
      [site, from.toISOString(), now.toISOString()],
    );
  });
}
