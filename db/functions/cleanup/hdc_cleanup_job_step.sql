-- The job consumer, around each step: p_phase 'begin' claims the job for one step (a finished or
-- cancelled job answers with its state, and the consumer stops); 'end' records how far the step got
-- (p_outcome 'more' | 'done' | 'failed', with progress, detail, the scan it works on, or the error).
-- A cancellation asked for meanwhile ends the job at its next 'begin'. When the weekly scheduled scan's
-- job ends, its scheduled_run is recorded.
create or replace function hdc_cleanup_job_step(p_site hdc_site, p_job_id uuid, p_phase text, p_outcome text,
  p_progress real, p_detail jsonb, p_scan_id bigint, p_error jsonb)
returns jsonb
language plpgsql as $$
declare
  v_job cleanup_job;
begin
  perform hdc_begin_call(p_site);
  v_job := hdc_cleanup_lock_job(p_site, p_job_id);
  if v_job.status not in ('queued', 'running') then
    return hdc_cleanup_job_view(v_job);
  end if;
  if p_phase = 'begin' then
    if v_job.cancel_requested_by is not null then
      update cleanup_job set status = 'cancelled', updated_at = now(), finished_at = now() where id = p_job_id returning * into v_job;
    else
      update cleanup_job set status = 'running', steps = steps + 1, updated_at = now() where id = p_job_id returning * into v_job;
    end if;
  elsif p_phase = 'end' and p_outcome in ('more', 'done', 'failed') then
    update cleanup_job set
      status = case p_outcome when 'more' then 'running' else p_outcome end,
      progress = coalesce(p_progress, progress), detail = coalesce(p_detail, detail), scan_id = coalesce(p_scan_id, scan_id),
      error = p_error, updated_at = now(), finished_at = case when p_outcome = 'more' then null else now() end
    where id = p_job_id returning * into v_job;
    -- The weekly scheduled scan's run is recorded when its job ends, as every scheduled job's is.
    if v_job.requested_by is null and p_outcome in ('done', 'failed') then
      insert into scheduled_run (site_id, job, started_at, finished_at, status, detail, error_code)
      values (p_site, 'orphan_scan', v_job.created_at, now(), case when p_outcome = 'done' then 'ok' else 'failed' end,
        jsonb_strip_nulls(jsonb_build_object('jobId', v_job.id, 'complete', p_outcome = 'done', 'steps', v_job.steps,
          'scanId', v_job.scan_id, 'counts', v_job.detail -> 'counts')),
        p_error ->> 'code');
    end if;
  else
    raise exception 'Unknown job step % %', p_phase, coalesce(p_outcome, '') using errcode = 'HDC04';
  end if;
  return hdc_cleanup_job_view(v_job);
end $$;
