-- The hypercare figures of the weekly report, from the organic 5-minute rollups and the stored
-- reports: calls, errors and forbidden refusals per UTC day for the p_days days before p_to's day;
-- the worst share of forbidden refusals in a clock-aligned window of p_window_minutes with at
-- least p_min_calls calls; and the SEV-2 reports generated in those days.
create or replace function hdc_hypercare_figures(p_site hdc_site, p_to timestamptz, p_days integer, p_window_minutes integer,
  p_min_calls integer)
returns jsonb
language plpgsql
set timezone to 'UTC'
as $$
declare
  v_epoch constant timestamptz := timestamptz 'epoch';
  v_today constant timestamptz := date_trunc('day', p_to);
  v_from constant timestamptz := date_trunc('day', p_to) - make_interval(days => p_days);
begin
  perform hdc_begin_call(p_site);
  if p_days is null or p_days not between 1 and 90 or p_window_minutes is null or p_window_minutes < 5 or p_window_minutes % 5 <> 0 then
    raise exception 'Hypercare needs 1–90 days and a window that is a multiple of 5 minutes' using errcode = 'HDC04',
      hint = 'Check hypercare.exit_days and hypercare.auth_failure_rollback.window_minutes in the thresholds.';
  end if;
  return jsonb_build_object(
    'days', (
      select coalesce(jsonb_agg(jsonb_build_object('day', to_char(d, 'YYYY-MM-DD'), 'calls', coalesce(b.calls, 0),
        'errors', coalesce(b.errors, 0), 'forbidden', coalesce(b.forbidden, 0)) order by d), '[]'::jsonb)
      from generate_series(v_from, v_today - interval '1 day', interval '1 day') as d
      left join (
        select date_trunc('day', bin_start) as day, sum(calls) as calls, sum(errors) as errors, sum(forbidden) as forbidden
        from telemetry_bin
        where site_id = p_site and source = 'organic' and bin_start >= v_from and bin_start < v_today
        group by 1
      ) as b on b.day = d),
    'worstAuthFailureRate', (
      select max(forbidden::float8 / calls) filter (where calls >= p_min_calls)
      from (
        select sum(calls) as calls, sum(forbidden) as forbidden
        from telemetry_bin
        where site_id = p_site and source = 'organic' and bin_start >= v_from and bin_start < p_to
        group by date_bin(make_interval(mins => p_window_minutes), bin_start, v_epoch)
      ) as windows),
    'sev2Reports', (
      select coalesce(jsonb_agg(generated_at order by generated_at desc), '[]'::jsonb)
      from weekly_report
      where site_id = p_site and severity = 'SEV-2' and generated_at >= v_from and generated_at < p_to));
end $$;
