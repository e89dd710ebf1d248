-- cleanup.execute / cleanup.restore, each batch, in ONE round trip: the previous batch's outcomes
-- (p_outcomes, recorded as hdc_cleanup_record does), then the next items to act on, in order, with
-- what the database says about them now. First the plan's seal is recomputed from its items (a plan changed
-- since it was confirmed is refused as a whole), then the batch takes the plan's run lease
-- (p_run_token, for p_lease_seconds): while another call holds it, this one is refused naming who
-- runs it since when. Execute (confirmed by the plan's hash) takes pending items, leaves first
-- (deepest pages, then page references); restore takes done items and the ones Confluence refused
-- earlier (not yet tried in this restore), parents first. A batch with items moves the plan to
-- executing / restoring; with none left, the execution or the restore pass is over.
create or replace function hdc_cleanup_batch(p_site hdc_site, p_actor text, p_plan_id uuid, p_mode text, p_hash text,
  p_limit integer, p_run_token uuid, p_lease_seconds integer, p_outcomes jsonb default null)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
  v_pass_start timestamptz;
  v_items jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_outcomes is not null then
    perform hdc_cleanup_record(p_site, p_actor, p_plan_id, p_mode, p_outcomes, p_run_token);
  end if;
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
  -- The batch just recorded was the last: the call ends here (a new restore pass starts with a new call).
  if p_outcomes is not null and v_plan.status in ('executed', 'partly_restored', 'restored') then
    return jsonb_build_object('plan', hdc_cleanup_plan_view(p_plan_id), 'items', '[]'::jsonb);
  end if;
  if p_mode = 'execute' then
    if p_hash is distinct from v_plan.hash then
      raise exception 'The confirmation does not match this plan' using errcode = 'HDC04',
        hint = 'Confirm the plan you previewed: its hash is shown with it.';
    end if;
    if v_plan.status in ('restoring', 'partly_restored', 'restored') then
      raise exception 'This plan was restored; it cannot run again' using errcode = 'HDC05', hint = 'Scan again and make a new plan.';
    end if;
  elsif p_mode = 'restore' then
    if v_plan.status not in ('executed', 'restoring', 'partly_restored') then
      raise exception 'Only a finished execution can be restored' using errcode = 'HDC05',
        hint = 'Let the execution finish (run it again to resume), then restore.';
    end if;
  else
    raise exception 'Unknown mode %', p_mode using errcode = 'HDC04';
  end if;
  if v_plan.run_token is not null and v_plan.run_token <> p_run_token and v_plan.run_until > now() then
    raise exception 'Plan % is being % by % since % UTC', p_plan_id,
      case when v_plan.status = 'restoring' then 'restored' else 'executed' end,
      coalesce(v_plan.run_by, 'the app'), to_char(v_plan.run_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')
      using errcode = 'HDC05', hint = format('Wait for it to finish (at the latest %s UTC), then look at the plan: every item shows what was done.',
        to_char(v_plan.run_until at time zone 'UTC', 'HH24:MI:SS'));
  end if;
  -- A restore pass starts when the plan enters restoring; items Confluence refused before it are tried again.
  v_pass_start := case when p_mode = 'restore' and v_plan.status <> 'restoring' then now() else v_plan.restored_at end;
  select coalesce(jsonb_agg(jsonb_build_object('position', i.position, 'action', i.action, 'pageId', i.page_id, 'eventId', i.event_id,
      'toPageId', i.to_page_id, 'title', i.title, 'version', i.version,
      -- Where the page stood: as Confluence said when it was trashed, else as the scan saw it.
      'parentId', coalesce(i.before ->> 'parentId', (select s.parent_id from cleanup_scan_page s where s.scan_id = v_plan.scan_id and s.page_id = i.page_id)),
      'referencedBy', (select jsonb_agg(e.id) from event e where e.site_id = p_site and i.action = 'trash' and e.confluence_page_id = i.page_id))
      order by o.rank), '[]'::jsonb)
  into v_items
  from (select i.*, row_number() over (order by
        case when p_mode = 'execute' then case when i.action = 'trash' then -coalesce(i.depth, 0) else 1000 end
             else case when i.action = 'trash' then coalesce(i.depth, 0) else -1 end end,
        i.position) as rank
      from cleanup_item i
      where i.plan_id = p_plan_id and (
        (p_mode = 'execute' and i.state = 'pending')
        or (p_mode = 'restore' and (i.state = 'done' or (i.state = 'restore_failed' and i.updated_at < v_pass_start))))
      order by rank limit p_limit) o
    join cleanup_item i on i.plan_id = o.plan_id and i.position = o.position;
  if jsonb_array_length(v_items) > 0 then
    update cleanup_plan set
      status = case when p_mode = 'execute' then 'executing' else 'restoring' end,
      executed_by = case when p_mode = 'execute' and status = 'planned' then p_actor else executed_by end,
      executed_at = case when p_mode = 'execute' and status = 'planned' then now() else executed_at end,
      restored_by = case when p_mode = 'restore' and status <> 'restoring' then p_actor else restored_by end,
      restored_at = case when p_mode = 'restore' and status <> 'restoring' then v_pass_start else restored_at end,
      run_token = p_run_token, run_by = p_actor, run_since = now(), run_until = now() + make_interval(secs => p_lease_seconds)
    where id = p_plan_id;
  elsif p_mode = 'execute' and v_plan.status in ('planned', 'executing') then
    update cleanup_plan set status = 'executed' where id = p_plan_id;
  elsif p_mode = 'restore' and v_plan.status in ('executed', 'restoring') then
    -- Nothing (left) to put back: the pass ends here.
    update cleanup_plan set
      status = case when exists (select 1 from cleanup_item where plan_id = p_plan_id and state = 'restore_failed') then 'partly_restored' else 'restored' end,
      restored_by = case when status = 'executed' then p_actor else restored_by end,
      restored_at = case when status = 'executed' then v_pass_start else restored_at end
    where id = p_plan_id;
  end if;
  return jsonb_build_object('plan', hdc_cleanup_plan_view(p_plan_id), 'items', v_items);
end $$;
