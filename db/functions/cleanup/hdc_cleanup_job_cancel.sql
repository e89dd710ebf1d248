-- jobs.cancel: an operator stops a job. A queued job ends now; a running one at the start of its
-- next step (the step running now finishes and is recorded). Audited; a finished job is left as it is.
create or replace function hdc_cleanup_job_cancel(p_site hdc_site, p_actor text, p_job_id uuid)
returns jsonb
language plpgsql as $$
declare
  v_job cleanup_job;
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor);
  v_job := hdc_cleanup_lock_job(p_site, p_job_id);
  if v_job.status in ('queued', 'running') then
    update cleanup_job set cancel_requested_by = p_actor, updated_at = now(),
      status = case when status = 'queued' then 'cancelled' else status end,
      finished_at = case when status = 'queued' then now() else finished_at end
    where id = p_job_id returning * into v_job;
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, p_actor, 'cleanup_job_cancelled', p_job_id::text, jsonb_build_object('kind', v_job.kind, 'steps', v_job.steps));
  end if;
  return hdc_cleanup_job_view(v_job);
end $$;
