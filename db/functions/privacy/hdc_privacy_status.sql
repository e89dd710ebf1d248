-- The privacy report's status on this site, for the ops summary and `hdc-ops privacy report`: the last
-- completed pass (time and counts), a pass in progress, the last run's error. Counts only.
create or replace function hdc_privacy_status(p_site hdc_site)
returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'lastCompletedAt', s.last_completed_at,
    'lastOutcome', s.last_outcome,
    'inProgress', case when s.pass_started_at is null then null else
      jsonb_build_object('startedAt', s.pass_started_at, 'reported', s.reported, 'closed', s.closed, 'updated', s.updated) end,
    'lastError', case when s.last_error is null then null else
      jsonb_build_object('message', s.last_error, 'at', s.last_error_at) end)
  from (select 1) one left join privacy_report_state s on s.site_id = p_site
$$;
