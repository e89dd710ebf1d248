-- A cleanup batch takes the plan's run lease (p_run_token): while another call holds it, this one is
-- refused naming who runs it since when, and until when at the latest.
create or replace function hdc_cleanup_lease_check(p_plan cleanup_plan, p_run_token uuid) returns void
language plpgsql as $$
begin
  if p_plan.run_token is not null and p_plan.run_token <> p_run_token and p_plan.run_until > now() then
    raise exception 'Plan % is being % by % since % UTC', p_plan.id,
      case when p_plan.status = 'restoring' then 'restored' else 'executed' end,
      coalesce(p_plan.run_by, 'the app'), to_char(p_plan.run_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')
      using errcode = 'HDC05', hint = format('Wait for it to finish (at the latest %s UTC), then look at the plan: every item shows what was done.',
        to_char(p_plan.run_until at time zone 'UTC', 'HH24:MI:SS'));
  end if;
end $$;
