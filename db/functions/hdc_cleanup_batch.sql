-- cleanup.execute / cleanup.restore, each batch: the next items to act on, in order, with what the
-- database says about them now. Execute (p_mode 'execute', confirmed by the plan's hash) takes
-- pending items, leaves first (deepest pages, then page references); restore takes done items,
-- parents first. The first batch moves the plan to executing / restoring.
create or replace function hdc_cleanup_batch(p_site hdc_site, p_actor text, p_plan_id uuid, p_mode text, p_hash text,
  p_limit integer, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
begin
  perform hdc_begin_call(p_site, p_telemetry);
  perform hdc_require_operator(p_site, p_actor);
  perform hdc_check_batch_size('limit', p_limit, 250);
  select * into v_plan from cleanup_plan where site_id = p_site and id = p_plan_id for update;
  if v_plan.id is null then
    raise exception 'No such cleanup plan' using errcode = 'HDC01', hint = 'Plan again from the latest scan.';
  end if;
  if p_mode = 'execute' then
    if p_hash is distinct from v_plan.hash then
      raise exception 'The confirmation does not match this plan' using errcode = 'HDC04',
        hint = 'Confirm the plan you previewed: its hash is shown with it.';
    end if;
    if v_plan.status in ('restoring', 'restored') then
      raise exception 'This plan was restored; it cannot run again' using errcode = 'HDC05', hint = 'Scan again and make a new plan.';
    end if;
    if v_plan.status = 'planned' then
      update cleanup_plan set status = 'executing', executed_by = p_actor, executed_at = now() where id = p_plan_id;
    end if;
  elsif p_mode = 'restore' then
    if v_plan.status not in ('executed', 'restoring') then
      raise exception 'Only a finished execution can be restored' using errcode = 'HDC05',
        hint = 'Let the execution finish (run it again to resume), then restore.';
    end if;
    if v_plan.status = 'executed' then
      update cleanup_plan set status = 'restoring', restored_by = p_actor, restored_at = now() where id = p_plan_id;
    end if;
  else
    raise exception 'Unknown mode %', p_mode using errcode = 'HDC04';
  end if;
  return jsonb_build_object('plan', hdc_cleanup_plan_view(p_plan_id), 'items', coalesce((
    select jsonb_agg(jsonb_build_object('position', i.position, 'action', i.action, 'pageId', i.page_id, 'eventId', i.event_id,
      'toPageId', i.to_page_id, 'title', i.title, 'version', i.version, 'childIds', to_jsonb(i.child_ids), 'after', i.after,
      'referencedBy', (select jsonb_agg(e.id) from event e where e.site_id = p_site and i.action = 'trash' and e.confluence_page_id = i.page_id),
      'eventPageId', (select e.confluence_page_id from event e where e.site_id = p_site and e.id = i.event_id))
      order by o.rank)
    from (select i.*, row_number() over (order by
        case when p_mode = 'execute' then case when i.action = 'trash' then -coalesce(i.depth, 0) else 1000 end
             else case when i.action = 'trash' then coalesce(i.depth, 0) else -1 end end,
        i.position) as rank
      from cleanup_item i
      where i.plan_id = p_plan_id and i.state = case when p_mode = 'execute' then 'pending' else 'done' end
      order by rank limit p_limit) o
    join cleanup_item i on i.plan_id = o.plan_id and i.position = o.position), '[]'::jsonb));
end $$;
