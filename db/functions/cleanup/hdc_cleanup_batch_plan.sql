-- What every cleanup batch (hdc_cleanup_execute_batch, hdc_cleanup_restore_batch) checks first, and
-- the plan it works on, locked: the operator gate, the batch's size and lease, the plan found, and
-- its seal recomputed from its items (a plan changed since it was confirmed is refused as a whole).
create or replace function hdc_cleanup_batch_plan(p_site hdc_site, p_actor text, p_plan_id uuid, p_limit integer,
  p_run_token uuid, p_lease_seconds integer)
returns cleanup_plan
language plpgsql as $$
declare
  v_plan cleanup_plan;
begin
  perform hdc_require_operator(p_site, p_actor);
  perform hdc_check_batch_size('limit', p_limit, 250);
  if p_run_token is null or p_lease_seconds is null or p_lease_seconds not between 10 and 900 then
    raise exception 'A cleanup batch needs a run token and a lease of 10 to 900 seconds' using errcode = 'HDC04';
  end if;
  select * into v_plan from cleanup_plan where site_id = p_site and id = p_plan_id for update;
  if v_plan.id is null then
    raise exception 'No such cleanup plan' using errcode = 'HDC01', hint = 'Plan again from the latest scan.';
  end if;
  if hdc_cleanup_plan_seal(p_plan_id) is distinct from v_plan.hash then
    raise exception 'Plan % no longer matches its seal: its items were changed after it was made; nothing was done', p_plan_id
      using errcode = 'HDC05', hint = 'Do not run this plan. Scan again and make a new plan, and tell whoever looks after the HDC Ops database.';
  end if;
  return v_plan;
end $$;
