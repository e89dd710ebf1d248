-- The site's tables a backup holds: every site table (hdc_site_tables) but the ones excluded here by
-- name, parents before children by their foreign keys (hdc_site_tables_by_depth) (a restore inserts in this order and deletes
-- in the reverse one). Telemetry's raw rows are optional (--no-telemetry); its rollups are always
-- kept. Excluded, and only these (test/integration/backup-restore.test.ts fails on any other):
--   ops_backup, ops_drill          the backup catalogue and drill history: they describe the
--                                  database's operations, and a restore keeps them;
--   ops_site_hold                  the restore's own hold;
--   ops_transfer, ops_transfer_row the staging of backups and restores in progress.
create or replace function hdc_backup_tables() returns table (table_position integer, table_name text, raw_telemetry boolean)
language sql stable as $$
  select (row_number() over (order by t.depth, t.table_name))::integer, t.table_name, t.table_name = 'telemetry_event'
  from hdc_site_tables_by_depth() t
  where t.table_name not in ('ops_backup', 'ops_drill', 'ops_site_hold', 'ops_transfer', 'ops_transfer_row')
$$;
