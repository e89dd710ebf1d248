-- The latest scheduled runs of one job on this site started in [p_from, p_to), newest first.
create or replace function hdc_scheduled_runs(p_site hdc_site, p_job text, p_from timestamptz, p_to timestamptz, p_limit integer)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return coalesce((select jsonb_agg(jsonb_build_object('id', id, 'job', job, 'startedAt', started_at,
      'finishedAt', finished_at, 'status', status, 'detail', detail, 'errorCode', error_code) order by started_at desc, id desc)
    from (select * from scheduled_run where site_id = p_site and job = p_job and started_at >= p_from and started_at < p_to
          order by started_at desc, id desc limit least(greatest(p_limit, 1), 1000)) as r), '[]'::jsonb);
end $$;
