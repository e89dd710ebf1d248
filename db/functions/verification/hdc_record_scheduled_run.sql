-- One row per scheduled run of this site (sampler, weekly report), whatever its outcome.
create or replace function hdc_record_scheduled_run(p_site hdc_site, p_job text, p_started_at timestamptz, p_status text,
  p_detail jsonb, p_error_code text)
returns bigint
language plpgsql as $$
declare
  v_id bigint;
begin
  perform hdc_begin_call(p_site);
  insert into scheduled_run (site_id, job, started_at, finished_at, status, detail, error_code)
  values (p_site, p_job, p_started_at, now(), p_status, coalesce(p_detail, '{}'::jsonb), p_error_code)
  returning id into v_id;
  return v_id;
end $$;
