-- cleanup.execute, each batch, in ONE round trip: the previous batch's outcomes (p_outcomes, recorded
-- by hdc_cleanup_execute_record), then the next pending items, leaves first (deepest pages, then page
-- references), under the plan's run lease (hdc_cleanup_batch_plan, hdc_cleanup_lease_check). The
-- confirmation is the plan's hash; a plan that was restored never runs again. A batch with items
-- moves the plan to executing; with none left, the execution is over (executed).
create or replace function hdc_cleanup_execute_batch(p_site hdc_site, p_actor text, p_plan_id uuid, p_hash text,
  p_limit integer, p_run_token uuid, p_lease_seconds integer, p_outcomes jsonb default null)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
  v_positions integer[];
  v_acts_on text[] := (select acts_on from hdc_cleanup_transition('execute'));
begin
  perform hdc_begin_call(p_site);
  if p_outcomes is not null then
    perform hdc_cleanup_execute_record(p_site, p_actor, p_plan_id, p_outcomes, p_run_token);
  end if;
  v_plan := hdc_cleanup_batch_plan(p_site, p_actor, p_plan_id, p_limit, p_run_token, p_lease_seconds);
  -- The batch just recorded was the last: the call ends here.
  if p_outcomes is not null and v_plan.status = 'executed' then
    return hdc_cleanup_batch_reply(p_site, v_plan, '{}');
  end if;
  if p_hash is distinct from v_plan.hash then
    raise exception 'The confirmation does not match this plan' using errcode = 'HDC04',
      hint = 'Confirm the plan you previewed: its hash is shown with it.';
  end if;
  if v_plan.status in ('restoring', 'partly_restored', 'restored') then
    raise exception 'This plan was restored; it cannot run again' using errcode = 'HDC05', hint = 'Scan again and make a new plan.';
  end if;
  perform hdc_cleanup_lease_check(v_plan, p_run_token);
  v_positions := array(
    select i.position from cleanup_item i
    where i.plan_id = p_plan_id and i.state = any (v_acts_on)
    order by case when i.action = 'trash' then -coalesce(i.depth, 0) else 1000 end, i.position
    limit p_limit);
  if cardinality(v_positions) > 0 then
    update cleanup_plan set status = 'executing',
      executed_by = case when status = 'planned' then p_actor else executed_by end,
      executed_at = case when status = 'planned' then now() else executed_at end,
      run_token = p_run_token, run_by = p_actor, run_since = now(), run_until = now() + make_interval(secs => p_lease_seconds)
    where id = p_plan_id;
  elsif v_plan.status in ('planned', 'executing') then
    update cleanup_plan set status = 'executed' where id = p_plan_id;
  end if;
  return hdc_cleanup_batch_reply(p_site, v_plan, v_positions);
end $$;
