-- Only the service role may reach HDC tables. Supabase's default privileges grant every new table
-- to anon and authenticated (the public anon key): those grants are revoked here, and row-level
-- security (required of every table by the migration runner, with no policy) stands behind it should
-- anyone grant them again. The migration runner calls this after every run.
create or replace function hdc_lock_down_tables() returns void
language plpgsql as $$
declare
  v_table regclass;
  v_role text;
begin
  for v_table in
    select c.oid::regclass from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
  loop
    execute format('revoke all on table %s from public', v_table);
    foreach v_role in array array['anon', 'authenticated'] loop
      if exists (select 1 from pg_roles where rolname = v_role) then
        execute format('revoke all on table %s from %I', v_table, v_role);
      end if;
    end loop;
    if exists (select 1 from pg_roles where rolname = 'service_role') then
      execute format('grant select, insert, update, delete on table %s to service_role', v_table);
    end if;
  end loop;
end $$;
