-- A recovery drill's result, where readiness and the ops summary read it; audited.
create or replace function hdc_drill_record(p_site hdc_site, p_actor text, p_passed boolean, p_rto_ms double precision,
  p_rpo_seconds double precision, p_report jsonb)
returns bigint
language plpgsql as $$
declare
  v_id bigint;
begin
  perform hdc_begin_call(p_site);
  if p_passed is null or p_report is null or jsonb_typeof(p_report) <> 'object' then
    raise exception 'A drill result needs passed and its report' using errcode = 'HDC04', hint = 'Pass p_passed and p_report (an object).';
  end if;
  insert into ops_drill (site_id, ran_by, passed, rto_ms, rpo_seconds, report)
  values (p_site, p_actor, p_passed, p_rto_ms, p_rpo_seconds, p_report) returning id into v_id;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'drill_recorded', v_id::text, jsonb_build_object('passed', p_passed, 'rtoMs', p_rto_ms, 'rpoSeconds', p_rpo_seconds));
  return v_id;
exception when check_violation then
  raise exception 'A drill result is out of range: %', sqlerrm using errcode = 'HDC04', hint = 'RTO and RPO are not negative.';
end $$;
