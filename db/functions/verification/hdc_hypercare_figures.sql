-- The hypercare figures of the weekly report, from the organic 5-minute rollups and the stored
-- reports: calls, errors and forbidden refusals per UTC day for the p_days days before p_to's day;
-- the worst share of forbidden refusals in a clock-aligned window of p_window_minutes among the
-- windows with enough evidence (at least p_min_calls calls by p_min_accounts people, and refusals of
-- at least p_min_refused_accounts people: a few people clicking where they may not is no outage);
-- the refusals of the whole span, as calls and as people; and the SEV-2 reports generated in those days.
create or replace function hdc_hypercare_figures(p_site hdc_site, p_to timestamptz, p_days integer, p_window_minutes integer,
  p_min_calls integer, p_min_accounts integer, p_min_refused_accounts integer)
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
  if p_days is null or p_days not between 1 and 90 or p_window_minutes is null or p_window_minutes < 5 or p_window_minutes % 5 <> 0
     or p_min_calls is null or p_min_accounts is null or p_min_refused_accounts is null then
    raise exception 'Hypercare needs 1–90 days, a window that is a multiple of 5 minutes and its evidence minimums' using errcode = 'HDC04',
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
      with bins as materialized (
        select date_bin(make_interval(mins => p_window_minutes), bin_start, v_epoch) as window_start, calls, forbidden,
          callers, refused_callers
        from telemetry_bin
        where site_id = p_site and source = 'organic' and bin_start >= v_from and bin_start < p_to
      ), windows as (
        select window_start, sum(calls) as calls, sum(forbidden) as forbidden from bins group by window_start
      ), people as (
        select window_start, count(distinct c) as accounts from bins cross join lateral unnest(callers) as c group by window_start
      ), refused as (
        select window_start, count(distinct c) as accounts from bins cross join lateral unnest(refused_callers) as c group by window_start
      )
      select max(w.forbidden::float8 / w.calls)
      from windows w
      left join people p using (window_start)
      left join refused r using (window_start)
      where w.calls >= p_min_calls and coalesce(p.accounts, 0) >= p_min_accounts
        and (w.forbidden = 0 or coalesce(r.accounts, 0) >= p_min_refused_accounts)),
    'refused', (
      select jsonb_build_object('calls', coalesce(sum(forbidden), 0),
        'accounts', (select count(distinct c) from telemetry_bin b2 cross join lateral unnest(b2.refused_callers) as c
                     where b2.site_id = p_site and b2.source = 'organic' and b2.bin_start >= v_from and b2.bin_start < p_to))
      from telemetry_bin
      where site_id = p_site and source = 'organic' and bin_start >= v_from and bin_start < p_to),
    'sev2Reports', (
      select coalesce(jsonb_agg(generated_at order by generated_at desc), '[]'::jsonb)
      from weekly_report
      where site_id = p_site and severity = 'SEV-2' and generated_at >= v_from and generated_at < p_to));
end $$;
