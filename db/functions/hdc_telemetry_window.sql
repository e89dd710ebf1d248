-- Telemetry of this site over a window, per metric and source: counts, errors, p50 / p95, the
-- worst error rate in any bin of p_wide_minutes and of p_narrow_minutes (bins with at least
-- p_min_calls calls; the thresholds file sets 15 and 5), rate-limited calls in the worst wide bin,
-- and the two latest rows as samples. One statement.
create or replace function hdc_telemetry_window(p_site hdc_site, p_from timestamptz, p_to timestamptz, p_min_calls integer,
  p_wide_minutes integer, p_narrow_minutes integer, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_result jsonb;
begin
  perform hdc_begin_call(p_site, p_telemetry);
  with t as (
    select * from telemetry_event where site_id = p_site and recorded_at >= p_from and recorded_at < p_to
  ), stats as (
    select metric, source, count(*) as n, count(*) filter (where outcome = 'error') as errors,
      percentile_cont(0.5) within group (order by duration_ms) as p50,
      percentile_cont(0.95) within group (order by duration_ms) as p95,
      count(*) filter (where attributes ->> 'rateLimited' = 'true') as rate_limited
    from t group by metric, source
  ), bins as (
    select metric, source, width, date_bin(width, recorded_at, p_from) as bin, count(*) as n,
      count(*) filter (where outcome = 'error') as errors,
      count(*) filter (where attributes ->> 'rateLimited' = 'true') as rate_limited
    from t cross join (values (make_interval(mins => p_wide_minutes)), (make_interval(mins => p_narrow_minutes))) as w (width)
    group by metric, source, width, bin
  ), worst as (
    select metric, source,
      max(errors::float8 / n) filter (where width = make_interval(mins => p_wide_minutes) and n >= p_min_calls) as worst_wide,
      max(errors::float8 / n) filter (where width = make_interval(mins => p_narrow_minutes) and n >= p_min_calls) as worst_narrow,
      coalesce(max(rate_limited) filter (where width = make_interval(mins => p_wide_minutes)), 0) as rate_limited_wide
    from bins group by metric, source
  ), samples as (
    select metric, source, jsonb_agg(jsonb_build_object('metric', metric, 'source', source, 'outcome', outcome,
      'durationMs', duration_ms, 'attributes', attributes, 'recordedAt', recorded_at) order by recorded_at desc) as rows
    from (select *, row_number() over (partition by metric, source order by recorded_at desc, id) as rn from t) as ranked
    where rn <= 2 group by metric, source
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'metric', stats.metric, 'source', stats.source, 'count', stats.n, 'errors', stats.errors,
      'p50Ms', stats.p50, 'p95Ms', stats.p95, 'rateLimited', stats.rate_limited,
      'worstWideErrorRate', worst.worst_wide, 'worstNarrowErrorRate', worst.worst_narrow,
      'worstWideRateLimited', worst.rate_limited_wide, 'samples', samples.rows)
    order by stats.metric, stats.source), '[]'::jsonb)
  into v_result
  from stats
  join worst using (metric, source)
  join samples using (metric, source);
  return jsonb_build_object('from', p_from, 'to', p_to, 'metrics', v_result);
end $$;
