-- cleanup.execute, after each batch: its outcomes recorded (hdc_cleanup_record_outcomes) and, when no
-- item is pending any more, the execution over (executed).
create or replace function hdc_cleanup_execute_record(p_site hdc_site, p_actor text, p_plan_id uuid, p_outcomes jsonb,
  p_run_token uuid)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_cleanup_record_outcomes(p_site, p_actor, p_plan_id, 'execute', p_outcomes, p_run_token);
  if not exists (select 1 from cleanup_item where plan_id = p_plan_id and state = 'pending') then
    update cleanup_plan set status = 'executed' where id = p_plan_id;
  end if;
  return hdc_cleanup_plan_view(p_plan_id);
end $$;
