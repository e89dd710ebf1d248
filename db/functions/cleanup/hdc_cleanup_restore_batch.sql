-- cleanup.restore, each batch, in ONE round trip: the previous batch's outcomes (p_outcomes, recorded
-- by hdc_cleanup_restore_record), then the next items to put back, parents first (page references,
-- then the shallowest pages), under the plan's run lease (hdc_cleanup_batch_plan,
-- hdc_cleanup_lease_check). Only a finished execution is restored. A pass starts when the plan
-- enters restoring: it takes the done items and the ones Confluence refused before it (each tried
-- once a pass). A batch with items moves the plan to restoring; with none left, the pass is over
-- (hdc_cleanup_restore_end).
create or replace function hdc_cleanup_restore_batch(p_site hdc_site, p_actor text, p_plan_id uuid, p_limit integer,
  p_run_token uuid, p_lease_seconds integer, p_outcomes jsonb default null)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
  v_pass_start timestamptz;
  v_positions integer[];
  v_acts_on text[] := (select acts_on from hdc_cleanup_transition('restore'));
begin
  perform hdc_begin_call(p_site);
  if p_outcomes is not null then
    perform hdc_cleanup_restore_record(p_site, p_actor, p_plan_id, p_outcomes, p_run_token);
  end if;
  v_plan := hdc_cleanup_batch_plan(p_site, p_actor, p_plan_id, p_limit, p_run_token, p_lease_seconds);
  -- The batch just recorded was the last of its pass: the call ends here (a new pass starts with a new call).
  if p_outcomes is not null and v_plan.status in ('partly_restored', 'restored') then
    return hdc_cleanup_batch_reply(p_site, v_plan, '{}');
  end if;
  if v_plan.status not in ('executed', 'restoring', 'partly_restored') then
    raise exception 'Only a finished execution can be restored' using errcode = 'HDC05',
      hint = 'Let the execution finish (run it again to resume), then restore.';
  end if;
  perform hdc_cleanup_lease_check(v_plan, p_run_token);
  v_pass_start := case when v_plan.status <> 'restoring' then now() else v_plan.restored_at end;
  v_positions := array(
    select i.position from cleanup_item i
    where i.plan_id = p_plan_id and i.state = any (v_acts_on)
      and (i.state = 'done' or i.updated_at < v_pass_start)
    order by case when i.action = 'trash' then coalesce(i.depth, 0) else -1 end, i.position
    limit p_limit);
  if cardinality(v_positions) > 0 then
    update cleanup_plan set status = 'restoring',
      restored_by = case when status <> 'restoring' then p_actor else restored_by end,
      restored_at = case when status <> 'restoring' then v_pass_start else restored_at end,
      run_token = p_run_token, run_by = p_actor, run_since = now(), run_until = now() + make_interval(secs => p_lease_seconds)
    where id = p_plan_id;
  elsif v_plan.status in ('executed', 'restoring') then
    -- Nothing (left) to put back: the pass ends here.
    update cleanup_plan set
      restored_by = case when status = 'executed' then p_actor else restored_by end,
      restored_at = case when status = 'executed' then v_pass_start else restored_at end
    where id = p_plan_id;
    perform hdc_cleanup_restore_end(p_plan_id);
  end if;
  return hdc_cleanup_batch_reply(p_site, v_plan, v_positions);
end $$;
