-- A cleanup job of this site, locked for the change the caller makes to it; refused when missing.
create or replace function hdc_cleanup_lock_job(p_site hdc_site, p_job_id uuid) returns cleanup_job
language plpgsql as $$
declare
  v_job cleanup_job;
begin
  select * into v_job from cleanup_job where site_id = p_site and id = p_job_id for update;
  if v_job.id is null then
    raise exception 'No such cleanup job' using errcode = 'HDC01', hint = 'Look at the latest jobs, or start the job again.';
  end if;
  return v_job;
end $$;
