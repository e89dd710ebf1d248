-- Readiness: the database answers and the schema is migrated (the latest applied version).
create or replace function hdc_health(p_site hdc_site, p_telemetry jsonb default '[]'::jsonb) returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site, p_telemetry);
  return jsonb_build_object(
    'database', 'ok',
    'schemaVersion', (select max(version) from hdc_schema_migration),
    'checkedAt', now());
end $$;
