-- Every table that holds a site's rows: a site_id of the hdc_site domain. The catalog says which,
-- so a table a migration adds is a site table without anyone listing it (backups take it unless
-- hdc_backup_tables excludes it by name; the tests' reset empties it).
create or replace function hdc_site_tables() returns setof text
language sql stable as $$
  select c.relname::text
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid and c.relkind in ('r', 'p')
  join pg_type t on t.oid = a.atttypid
  where c.relnamespace = current_schema()::regnamespace and a.attname = 'site_id' and not a.attisdropped
    and t.typname = 'hdc_site'
  order by 1
$$;
