-- cleanup.execute / cleanup.restore, after each batch: every item's outcome in one transaction with
-- its audit row, and the batch's run lease (p_run_token) released. Trash outcomes come from
-- Confluence (the caller acted as the user) and are recorded as they happened, even if the lease ran
-- out meanwhile; page references are changed here, each only if the event still points where the
-- plan expects and no other event took the target page, and audited on the event. An item already
-- past the expected state is left alone, so a resumed batch never acts twice. A restore pass ends
-- 'restored', or 'partly_restored' while Confluence refused some items (they stay restorable).
create or replace function hdc_cleanup_record(p_site hdc_site, p_actor text, p_plan_id uuid, p_mode text, p_outcomes jsonb,
  p_run_token uuid)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
  v_outcome record;
  v_item cleanup_item;
  v_state text;
  v_reason text;
  v_event_page text;
  v_target text;
  v_taken_by text;
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor);
  select * into v_plan from cleanup_plan where site_id = p_site and id = p_plan_id for update;
  if v_plan.id is null then
    raise exception 'No such cleanup plan' using errcode = 'HDC01', hint = 'Plan again from the latest scan.';
  end if;
  if v_plan.status <> (case when p_mode = 'execute' then 'executing' else 'restoring' end) then
    raise exception 'This plan is not being %', case when p_mode = 'execute' then 'executed' else 'restored' end
      using errcode = 'HDC05', hint = 'Start it again from the macro or the CLI.';
  end if;
  for v_outcome in select * from jsonb_to_recordset(p_outcomes) as o(position integer, state text, reason text, before jsonb, after jsonb) loop
    select * into v_item from cleanup_item where plan_id = p_plan_id and position = v_outcome.position for update;
    continue when v_item.position is null
      or (p_mode = 'execute' and v_item.state <> 'pending')
      or (p_mode = 'restore' and v_item.state not in ('done', 'restore_failed'));
    v_state := v_outcome.state;
    v_reason := v_outcome.reason;
    if v_item.action in ('relink', 'clear') and v_state = 'apply' then
      select confluence_page_id into v_event_page from event where site_id = p_site and id = v_item.event_id for update;
      v_target := case when p_mode = 'execute' then v_item.to_page_id else v_item.page_id end;
      if not found then
        v_state := case when p_mode = 'execute' then 'skipped' else 'restore_skipped' end;
        v_reason := 'The event was deleted meanwhile.';
      elsif v_event_page is distinct from (case when p_mode = 'execute' then v_item.page_id else v_item.to_page_id end) then
        v_state := case when p_mode = 'execute' then 'skipped' else 'restore_skipped' end;
        v_reason := 'The event''s page reference changed meanwhile; it was left as it is.';
      end if;
      -- Relinking must not make a duplicate reference; restoring one that the plan cleared may.
      if v_state = 'apply' and v_target is not null then
        select e.name into v_taken_by from event e
        where e.site_id = p_site and e.id <> v_item.event_id and e.confluence_page_id = v_target limit 1;
        if v_taken_by is not null and (p_mode = 'execute' or v_item.kind = 'dangling_event') then
          v_state := case when p_mode = 'execute' then 'skipped' else 'restore_skipped' end;
          v_reason := format('Page %s is now the page of the event "%s"; it was left as it is.', v_target, v_taken_by);
        end if;
      end if;
      if v_state = 'apply' then
        update event set confluence_page_id = v_target, updated_at = now() where id = v_item.event_id;
        insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after)
        values (p_site, v_item.event_id, p_actor,
          case when p_mode = 'restore' then 'page_reference_restored' when v_item.action = 'relink' then 'page_relinked' else 'page_reference_cleared' end,
          jsonb_build_object('pageId', v_event_page, 'cleanupPlanId', p_plan_id),
          jsonb_build_object('pageId', v_target, 'cleanupPlanId', p_plan_id));
        v_state := case when p_mode = 'execute' then 'done' else 'restored' end;
        v_outcome.before := jsonb_build_object('pageId', v_event_page);
        v_outcome.after := jsonb_build_object('pageId', v_target);
      end if;
    end if;
    if v_state not in ('done', 'skipped', 'failed', 'restored', 'restore_skipped', 'restore_failed')
      or (p_mode = 'execute') <> (v_state in ('done', 'skipped', 'failed')) then
      raise exception 'Outcome % does not belong to %', v_state, p_mode using errcode = 'HDC04';
    end if;
    update cleanup_item set state = v_state, reason = v_reason, updated_at = now(),
      before = case when p_mode = 'execute' then v_outcome.before else before end,
      after = case when p_mode = 'execute' then v_outcome.after else after end
    where plan_id = p_plan_id and position = v_item.position;
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, p_actor, case when p_mode = 'execute' then 'cleanup_item_executed' else 'cleanup_item_restored' end, p_plan_id::text,
      jsonb_strip_nulls(jsonb_build_object('position', v_item.position, 'action', v_item.action, 'pageId', v_item.page_id,
        'eventId', v_item.event_id, 'toPageId', v_item.to_page_id, 'title', v_item.title, 'outcome', v_state, 'reason', v_reason,
        'before', v_outcome.before, 'after', v_outcome.after)));
  end loop;
  update cleanup_plan set run_token = null, run_by = null, run_since = null, run_until = null
  where id = p_plan_id and run_token = p_run_token;
  if p_mode = 'execute' and not exists (select 1 from cleanup_item where plan_id = p_plan_id and state = 'pending') then
    update cleanup_plan set status = 'executed' where id = p_plan_id;
  elsif p_mode = 'restore' and not exists (select 1 from cleanup_item i where i.plan_id = p_plan_id
      and (i.state = 'done' or (i.state = 'restore_failed' and i.updated_at < v_plan.restored_at))) then
    update cleanup_plan set status = case when exists (select 1 from cleanup_item where plan_id = p_plan_id and state = 'restore_failed')
      then 'partly_restored' else 'restored' end where id = p_plan_id;
  end if;
  return hdc_cleanup_plan_view(p_plan_id);
end $$;
