-- Every site table (hdc_site_tables) with its depth in the foreign keys between them: parents 0,
-- their children 1, and so on. Deleting in descending depth never breaks a reference.
create or replace function hdc_site_tables_by_depth() returns table (table_name text, depth integer)
language sql stable as $$
  with recursive site_table as (select name from hdc_site_tables() as s(name)),
  reference as (
    select distinct child.relname::text collate "default" as child, parent.relname::text collate "default" as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    where k.contype = 'f' and k.conrelid <> k.confrelid and k.connamespace = current_schema()::regnamespace
  ),
  depth (name, depth) as (
    select name, 0 from site_table
    union all
    select r.child, d.depth + 1 from depth d join reference r on r.parent = d.name join site_table s on s.name = r.child
  )
  select name, max(depth)::integer from depth group by name
$$;
