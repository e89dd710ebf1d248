-- Only the service role may call HDC functions. On Supabase, functions are executable by PUBLIC,
-- and by anon and authenticated through Supabase's default privileges, which would open them to
-- anyone holding the project's anon key. The migration runner calls this after every run.
-- Every PL/pgSQL function also waits at most 3 s for a lock (below the 8 s statement timeout): a
-- lock held by another connection ends the call as lock_not_available, which is transient and
-- retryable, instead of as a statement timeout that tells the user to narrow the request. A
-- function that declares its own lock_timeout keeps it.
create or replace function hdc_lock_down_functions() returns void
language plpgsql as $$
declare
  fn regprocedure;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and p.proname like 'hdc\_%'
  loop
    execute format('revoke execute on function %s from public', fn);
    if exists (select 1 from pg_roles where rolname = 'anon') then
      execute format('revoke execute on function %s from anon', fn);
    end if;
    if exists (select 1 from pg_roles where rolname = 'authenticated') then
      execute format('revoke execute on function %s from authenticated', fn);
    end if;
    if exists (select 1 from pg_roles where rolname = 'service_role') then
      execute format('grant execute on function %s to service_role', fn);
    end if;
    if exists (select 1 from pg_proc p join pg_language l on l.oid = p.prolang
               where p.oid = fn and l.lanname = 'plpgsql'
                 and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as c where c like 'lock_timeout=%')) then
      execute format('alter function %s set lock_timeout = %L', fn, '3s');
    end if;
  end loop;
end $$;
