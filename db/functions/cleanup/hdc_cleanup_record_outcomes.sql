-- A cleanup batch's outcomes, recorded by hdc_cleanup_execute_record and hdc_cleanup_restore_record
-- in their direction (its row of hdc_cleanup_transition), in one transaction: the operator gate, the
-- plan locked and running in that direction, every item's outcome with its audit row, then the
-- batch's run lease (p_run_token) released. Returns the plan as it was locked.
-- Trash outcomes come from Confluence (the caller acted as the user) and are recorded as they
-- happened, even if the lease ran out meanwhile. A page reference is changed here (executing moves
-- it from the item's page to its target; restoring moves it back), each only if the event still
-- points where the plan expects and no other event took the target page (restoring a reference the
-- plan cleared may make a duplicate), and audited on the event. An item not in a state its direction
-- acts on is left alone, so a resumed batch never acts twice.
create or replace function hdc_cleanup_record_outcomes(p_site hdc_site, p_actor text, p_plan_id uuid,
  p_direction text, p_outcomes jsonb, p_run_token uuid)
returns cleanup_plan
language plpgsql as $$
declare
  v_plan cleanup_plan;
  v_way record;
  v_outcome record;
  v_item cleanup_item;
  v_state text;
  v_reason text;
  v_event_page text;
  v_expected text;
  v_target text;
  v_taken_by text;
begin
  select * into v_way from hdc_cleanup_transition(p_direction);
  if v_way.direction is null then
    raise exception 'Unknown cleanup direction %', p_direction using errcode = 'HDC04';
  end if;
  perform hdc_require_operator(p_site, p_actor);
  select * into v_plan from cleanup_plan where site_id = p_site and id = p_plan_id for update;
  if v_plan.id is null then
    raise exception 'No such cleanup plan' using errcode = 'HDC01', hint = 'Plan again from the latest scan.';
  end if;
  if v_plan.status <> v_way.running_status then
    raise exception 'This plan is not being %', case when p_direction = 'execute' then 'executed' else 'restored' end
      using errcode = 'HDC05', hint = 'Start it again from the macro or the CLI.';
  end if;
  for v_outcome in select * from jsonb_to_recordset(p_outcomes) as o(position integer, state text, reason text, before jsonb, after jsonb) loop
    select * into v_item from cleanup_item where plan_id = p_plan_id and position = v_outcome.position for update;
    continue when v_item.position is null or not v_item.state = any (v_way.acts_on);
    v_state := v_outcome.state;
    v_reason := v_outcome.reason;
    if v_item.action in ('relink', 'clear') and v_state = 'apply' then
      v_expected := case when p_direction = 'execute' then v_item.page_id else v_item.to_page_id end;
      v_target := case when p_direction = 'execute' then v_item.to_page_id else v_item.page_id end;
      select confluence_page_id into v_event_page from event where site_id = p_site and id = v_item.event_id for update;
      if not found then
        v_state := v_way.left_alone;
        v_reason := 'The event was deleted meanwhile.';
      elsif v_event_page is distinct from v_expected then
        v_state := v_way.left_alone;
        v_reason := 'The event''s page reference changed meanwhile; it was left as it is.';
      end if;
      if v_state = 'apply' and v_target is not null then
        select e.name into v_taken_by from event e
        where e.site_id = p_site and e.id <> v_item.event_id and e.confluence_page_id = v_target limit 1;
        if v_taken_by is not null and (p_direction = 'execute' or v_item.kind = 'dangling_event') then
          v_state := v_way.left_alone;
          v_reason := format('Page %s is now the page of the event "%s"; it was left as it is.', v_target, v_taken_by);
        end if;
      end if;
      if v_state = 'apply' then
        update event set confluence_page_id = v_target, updated_at = now() where id = v_item.event_id;
        insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after)
        values (p_site, v_item.event_id, p_actor,
          case when p_direction = 'restore' then 'page_reference_restored' when v_item.action = 'relink' then 'page_relinked' else 'page_reference_cleared' end,
          jsonb_build_object('pageId', v_event_page, 'cleanupPlanId', p_plan_id),
          jsonb_build_object('pageId', v_target, 'cleanupPlanId', p_plan_id));
        v_state := v_way.applied;
        v_outcome.before := jsonb_build_object('pageId', v_event_page);
        v_outcome.after := jsonb_build_object('pageId', v_target);
      end if;
    end if;
    if v_state is null or not v_state = any (v_way.outcomes) then
      raise exception 'Outcome % does not belong to %', v_state, p_direction using errcode = 'HDC04';
    end if;
    -- What Confluence said about a page when it was trashed stays: a restore only adds its outcome.
    update cleanup_item set state = v_state, reason = v_reason, updated_at = now(),
      before = case when p_direction = 'execute' then v_outcome.before else before end,
      after = case when p_direction = 'execute' then v_outcome.after else after end
    where plan_id = p_plan_id and position = v_item.position;
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, p_actor, v_way.audit_action, p_plan_id::text,
      jsonb_strip_nulls(jsonb_build_object('position', v_item.position, 'action', v_item.action, 'pageId', v_item.page_id,
        'eventId', v_item.event_id, 'toPageId', v_item.to_page_id, 'title', v_item.title, 'outcome', v_state, 'reason', v_reason,
        'before', v_outcome.before, 'after', v_outcome.after)));
  end loop;
  update cleanup_plan set run_token = null, run_by = null, run_since = null, run_until = null
  where id = p_plan_id and run_token = p_run_token;
  return v_plan;
end $$;
