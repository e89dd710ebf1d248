-- A privacy report run that ended before its pass (Atlassian unreachable, the run's time spent): why,
-- for the ops summary. The pass stays where it is, and the next run goes on from there. Bookkeeping of
-- the report, not a change of anyone's data: not audited (the batches and the pass's end are).
create or replace function hdc_privacy_report_stop(p_site hdc_site, p_now timestamptz, p_reason text)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  insert into privacy_report_state (site_id, updated_at, last_error, last_error_at)
  values (p_site, p_now, left(p_reason, 300), p_now)
  on conflict (site_id) do update set last_error = excluded.last_error, last_error_at = excluded.last_error_at,
    updated_at = excluded.updated_at;
  return hdc_privacy_status(p_site);
end $$;
