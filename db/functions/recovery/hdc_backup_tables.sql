-- The site's tables a backup holds: every site table (hdc_site_tables) but the ones excluded here by
-- name, parents before children by their foreign keys (a restore inserts in this order and deletes
-- in the reverse one). Telemetry's raw rows are optional (--no-telemetry); its rollups are always
-- kept. Excluded, and only these (test/integration/backup-restore.test.ts fails on any other):
--   ops_backup, ops_drill          the backup catalogue and drill history: they describe the
--                                  database's operations, and a restore keeps them;
--   ops_site_hold                  the restore's own hold;
--   ops_transfer, ops_transfer_row the staging of backups and restores in progress.
create or replace function hdc_backup_tables() returns table (table_position integer, table_name text, raw_telemetry boolean)
language sql stable as $$
  with recursive backed_up as (
    select name from hdc_site_tables() as s(name)
    where name not in ('ops_backup', 'ops_drill', 'ops_site_hold', 'ops_transfer', 'ops_transfer_row')
  ),
  reference as (
    select distinct child.relname::text collate "default" as child, parent.relname::text collate "default" as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    where k.contype = 'f' and k.conrelid <> k.confrelid and k.connamespace = current_schema()::regnamespace
  ),
  depth (name, depth) as (
    select name, 0 from backed_up
    union all
    select r.child, d.depth + 1 from depth d join reference r on r.parent = d.name join backed_up b on b.name = r.child
  )
  select (row_number() over (order by max(depth), name))::integer, name, name = 'telemetry_event'
  from depth group by name
$$;
