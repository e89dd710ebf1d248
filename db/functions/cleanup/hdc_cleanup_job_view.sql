-- A cleanup job as jobs.status returns it.
create or replace function hdc_cleanup_job_view(p_job cleanup_job) returns jsonb
language sql stable as $$
  select jsonb_build_object('jobId', p_job.id, 'kind', p_job.kind, 'requestedBy', p_job.requested_by,
    'parentPageId', p_job.parent_page_id, 'scanId', p_job.scan_id, 'planId', p_job.plan_id, 'planHash', p_job.plan_hash, 'status', p_job.status,
    'steps', p_job.steps, 'progress', p_job.progress, 'detail', p_job.detail, 'error', p_job.error,
    'cancelRequestedBy', p_job.cancel_requested_by, 'createdAt', p_job.created_at, 'updatedAt', p_job.updated_at,
    'finishedAt', p_job.finished_at)
$$;
