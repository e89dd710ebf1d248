-- jobs.start: a scan, execution or restore as a background job. An operator starts one (p_actor);
-- the weekly schedule starts scans as the app (p_actor null). While the same work is active (a scan
-- of the site, a job on the plan) its job is returned instead of a second one; when that job had no
-- step for p_stale_seconds (its runner died), it is taken over: the caller queues its next step.
-- Returns {job, created, takenOver}; an execution must quote the plan's hash.
create or replace function hdc_cleanup_job_start(p_site hdc_site, p_actor text, p_kind text, p_plan_id uuid, p_hash text,
  p_parent_page_id text, p_stale_seconds integer)
returns jsonb
language plpgsql as $$
declare
  v_plan cleanup_plan;
  v_job cleanup_job;
  v_taken_over boolean := false;
  v_scan_id bigint;
begin
  perform hdc_begin_call(p_site);
  if p_actor is not null or p_kind <> 'scan' then
    perform hdc_require_operator(p_site, p_actor);
  end if;
  if p_kind = 'scan' then
    if p_parent_page_id is null or p_parent_page_id !~ '^[0-9]{1,20}$' then
      raise exception 'No HDC parent page to scan' using errcode = 'HDC04',
        hint = 'Put the macro on the HDC parent page, or set HDC_PARENT_PAGE_ID.';
    end if;
    -- One scan per site at a time: whoever asks second waits for the same job.
    perform pg_advisory_xact_lock(hashtext('hdc_cleanup_job_scan:' || p_site));
    select * into v_job from cleanup_job where site_id = p_site and kind = 'scan' and status in ('queued', 'running') for update;
  elsif p_kind in ('execute', 'restore') then
    select * into v_plan from cleanup_plan where site_id = p_site and id = p_plan_id for update;
    if v_plan.id is null then
      raise exception 'No such cleanup plan' using errcode = 'HDC01', hint = 'Plan again from the latest scan.';
    end if;
    if p_kind = 'execute' and p_hash is distinct from v_plan.hash then
      raise exception 'The confirmation does not match this plan' using errcode = 'HDC04',
        hint = 'Confirm the plan you previewed: its hash is shown with it.';
    end if;
    select * into v_job from cleanup_job where site_id = p_site and plan_id = p_plan_id and status in ('queued', 'running') for update;
    if v_job.id is not null and v_job.kind <> p_kind then
      raise exception 'Plan % is being %', p_plan_id, case when v_job.kind = 'execute' then 'executed' else 'restored' end
        using errcode = 'HDC05', hint = 'Wait for that job to finish (or cancel it), then start this one.';
    end if;
  else
    raise exception 'Unknown job kind %', coalesce(p_kind, '(none)') using errcode = 'HDC04',
      hint = 'Jobs are scan, execute or restore.';
  end if;
  if v_job.id is not null then
    if v_job.updated_at < now() - make_interval(secs => p_stale_seconds) then
      update cleanup_job set updated_at = now(), status = 'queued' where id = v_job.id returning * into v_job;
      v_taken_over := true;
    end if;
    return jsonb_build_object('job', hdc_cleanup_job_view(v_job), 'created', false, 'takenOver', v_taken_over);
  end if;
  -- A scan job's scan exists from the start, so that every step (a retried or taken-over one too) resumes
  -- it; an unfinished scan of the same parent by the same starter (a job that failed) is resumed, not left behind.
  if p_kind = 'scan' then
    select s.id into v_scan_id from cleanup_scan s
    where s.site_id = p_site and s.parent_page_id = p_parent_page_id and s.status = 'listing'
      and s.started_by = coalesce(p_actor, 'hdc-ops scheduled scan') and s.trigger = case when p_actor is null then 'scheduled' else 'user' end
    order by s.id desc limit 1;
  end if;
  if p_kind = 'scan' and v_scan_id is null then
    insert into cleanup_scan (site_id, parent_page_id, started_by, trigger)
    values (p_site, p_parent_page_id, coalesce(p_actor, 'hdc-ops scheduled scan'), case when p_actor is null then 'scheduled' else 'user' end)
    returning id into v_scan_id;
  end if;
  insert into cleanup_job (site_id, kind, requested_by, parent_page_id, scan_id, plan_id, plan_hash)
  values (p_site, p_kind, p_actor, case when p_kind = 'scan' then p_parent_page_id end, v_scan_id, p_plan_id,
    case when p_kind = 'execute' then p_hash end)
  returning * into v_job;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, coalesce(p_actor, 'hdc-ops scheduled scan'), 'cleanup_job_started', v_job.id::text,
    jsonb_strip_nulls(jsonb_build_object('kind', p_kind, 'planId', p_plan_id, 'parentPageId', v_job.parent_page_id)));
  return jsonb_build_object('job', hdc_cleanup_job_view(v_job), 'created', true, 'takenOver', false);
end $$;
