-- The error-budget figures of this site, per metric, from the 5-minute rollups (organic and probe
-- calls alike: both measure availability; refusals on purpose are not errors): calls and errors over
-- the budget's rolling window of p_window_days days before p_to, and over the last 7 days of it (the
-- week's burn rate).
create or replace function hdc_error_budget_figures(p_site hdc_site, p_to timestamptz, p_window_days integer)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  if p_window_days is null or p_window_days not between 1 and 90 then
    raise exception 'An error budget''s window is 1–90 days, not %', p_window_days using errcode = 'HDC04',
      hint = 'Set error_budgets.window_days in the thresholds (the rollups are kept 90 days).';
  end if;
  return coalesce((
    select jsonb_agg(to_jsonb(m) order by m.metric)
    from (
      select metric, sum(calls)::integer as "windowCalls", sum(errors)::integer as "windowErrors",
        coalesce(sum(calls) filter (where bin_start >= p_to - interval '7 days'), 0)::integer as "weekCalls",
        coalesce(sum(errors) filter (where bin_start >= p_to - interval '7 days'), 0)::integer as "weekErrors"
      from telemetry_bin
      where site_id = p_site and bin_start >= p_to - make_interval(days => p_window_days) and bin_start < p_to
      group by metric
    ) as m), '[]'::jsonb);
end $$;
