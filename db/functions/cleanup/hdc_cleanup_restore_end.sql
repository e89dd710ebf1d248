-- A restore pass is over: the plan is restored, or partly restored while Confluence refused some
-- items (they stay restorable: the next pass tries them again).
create or replace function hdc_cleanup_restore_end(p_plan_id uuid) returns void
language sql as $$
  update cleanup_plan set status = case when exists (select 1 from cleanup_item where plan_id = p_plan_id and state = 'restore_failed')
    then 'partly_restored' else 'restored' end
  where id = p_plan_id
$$;
