-- Telemetry at the boundary.
--
-- Every call of the app now goes through hdc_call, which records the telemetry the call carries
-- and writes a measured call's own row; the business functions no longer take p_telemetry or
-- p_telemetry_id (nor the registry's p_source). Their old signatures go: the function files
-- create the new ones after this migration. hdc_record_telemetry keeps its p_telemetry: it is the
-- recorder itself.
do $$
declare
  fn regprocedure;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p
    where p.pronamespace = current_schema()::regnamespace and p.proname like 'hdc\_%'
      and p.proname <> 'hdc_record_telemetry'
      and (p.proargnames && array['p_telemetry', 'p_telemetry_id']::text[] or p.proname = 'hdc_record_call_telemetry')
  loop
    execute format('drop function %s', fn);
  end loop;
end $$;
