-- On Supabase every table in `public` is reachable through PostgREST with the anon key.
-- Row level security with no policies closes that; the service role (HDC Ops' Forge backend)
-- bypasses RLS, and so does the table owner used by `hdc-ops` and the embedded database.
alter table users enable row level security;
alter table event enable row level security;
alter table event_admin enable row level security;
alter table hack enable row level security;
alter table library_hack enable row level security;
alter table event_sync_state enable row level security;
alter table event_audit_log enable row level security;
alter table telemetry_event enable row level security;

-- Functions are executable by PUBLIC by default: only the service role may call ours.
do $$
declare
  fn regprocedure;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = current_schema() and p.proname like 'hdc\_%'
  loop
    execute format('revoke execute on function %s from public', fn);
    -- Supabase's default privileges also grant execute to anon and authenticated explicitly.
    if exists (select 1 from pg_roles where rolname = 'anon') then
      execute format('revoke execute on function %s from anon', fn);
    end if;
    if exists (select 1 from pg_roles where rolname = 'authenticated') then
      execute format('revoke execute on function %s from authenticated', fn);
    end if;
    if exists (select 1 from pg_roles where rolname = 'service_role') then
      execute format('grant execute on function %s to service_role', fn);
    end if;
  end loop;
end $$;
