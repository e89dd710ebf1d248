-- The site's latest recovery drills, newest first, as readiness, the ops summary and the operators'
-- console show them (one shape: src/contract/operations.ts DrillRecordSchema). p_on_site, not p_site:
-- a helper of operator reads, never called by name through hdc_call.
create or replace function hdc_recent_drills(p_on_site hdc_site, p_limit integer) returns jsonb
language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'ranAt', ran_at, 'passed', passed, 'rtoMs', rto_ms,
      'rpoSeconds', rpo_seconds) order by ran_at desc, id desc), '[]'::jsonb)
  from (select * from ops_drill where site_id = p_on_site order by ran_at desc, id desc limit p_limit) recent
$$;
