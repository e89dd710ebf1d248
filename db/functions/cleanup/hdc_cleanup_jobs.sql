-- jobs.status: one job (p_job_id), or the site's latest jobs, newest first (operators only).
create or replace function hdc_cleanup_jobs(p_site hdc_site, p_actor text, p_job_id uuid, p_limit integer)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor);
  perform hdc_check_batch_size('limit', p_limit, 100);
  if p_job_id is not null and not exists (select 1 from cleanup_job where site_id = p_site and id = p_job_id) then
    raise exception 'No such cleanup job' using errcode = 'HDC01', hint = 'Look at the latest jobs instead.';
  end if;
  return coalesce((select jsonb_agg(hdc_cleanup_job_view(j) order by j.created_at desc, j.id)
    from (select * from cleanup_job where site_id = p_site and (p_job_id is null or id = p_job_id)
          order by created_at desc, id limit p_limit) j), '[]'::jsonb);
end $$;
