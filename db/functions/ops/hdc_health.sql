-- Readiness: the database answers, with the schema version, the latest scheduled runs (sampler
-- freshness), the newest verified backup and the latest drill; src/ops/health-rules.ts judges them.
create or replace function hdc_health(p_site hdc_site) returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return hdc_ops_posture(p_site) || jsonb_build_object('database', 'ok', 'checkedAt', now());
end $$;
