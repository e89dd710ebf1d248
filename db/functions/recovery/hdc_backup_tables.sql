-- The site's tables a backup holds, parents before children (a restore inserts in this order and
-- deletes in the reverse one). Telemetry's raw rows are optional (--no-telemetry); its rollups are
-- always kept. Left out on purpose: the migration ledgers (the schema, not the site's data), the
-- staging tables, and the backup catalogue and drill history (they describe the database's
-- operations; a restore keeps them).
create or replace function hdc_backup_tables() returns table (table_position integer, table_name text, raw_telemetry boolean)
language sql immutable as $$
  select t.position::integer, t.name, t.name = 'telemetry_event'
  from unnest(array[
    'users', 'event', 'event_admin', 'hack', 'library_hack', 'event_sync_state', 'event_audit_log',
    'idempotent_reply', 'hdc_operator', 'ops_audit_log', 'weekly_report', 'scheduled_run',
    'cleanup_scan', 'cleanup_scan_page', 'cleanup_plan', 'cleanup_item',
    'telemetry_bin', 'telemetry_latency_hour', 'telemetry_fold_state', 'telemetry_fold_mark', 'telemetry_event'
  ]) with ordinality as t (name, position)
$$;
