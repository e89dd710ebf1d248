-- cleanup.restore, after each batch: its outcomes recorded (hdc_cleanup_record_outcomes) and, when
-- nothing of this pass is left to put back, the pass over (hdc_cleanup_restore_end).
create or replace function hdc_cleanup_restore_record(p_site hdc_site, p_actor text, p_plan_id uuid, p_outcomes jsonb,
  p_run_token uuid)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
begin
  perform hdc_begin_call(p_site);
  v_plan := hdc_cleanup_record_outcomes(p_site, p_actor, p_plan_id, 'restore', p_outcomes, p_run_token);
  if not exists (select 1 from cleanup_item i where i.plan_id = p_plan_id
      and (i.state = 'done' or (i.state = 'restore_failed' and i.updated_at < v_plan.restored_at))) then
    perform hdc_cleanup_restore_end(p_plan_id);
  end if;
  return hdc_cleanup_plan_view(p_plan_id);
end $$;
