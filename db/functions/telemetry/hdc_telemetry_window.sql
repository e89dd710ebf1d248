-- Telemetry of this site over a window, per metric and source, read from the rollups (fold first:
-- hdc_fold_telemetry), so its cost follows the window's length and not the traffic:
--   counts, errors and rate-limited calls from the 5-minute bins the window touches (bins are
--   aligned to the clock);
--   the worst error rate in any clock-aligned bin of p_wide_minutes and of p_narrow_minutes
--   (multiples of 5; the thresholds file sets 15 and 5) among the bins with enough evidence: at
--   least p_min_calls calls by at least p_min_accounts people (probes have no caller: a bin of probes
--   alone is judged only when p_min_accounts is 0), and the rate-limited calls in the worst wide bin;
--   p50 / p95 from the hourly latency histograms of the hours the window touches, read at the
--   bucket's geometric middle (within 1.5 % of the exact value);
--   the two latest rows in the window as samples, from the latest hours' kept samples.
create or replace function hdc_telemetry_window(p_site hdc_site, p_from timestamptz, p_to timestamptz, p_min_calls integer,
  p_min_accounts integer, p_wide_minutes integer, p_narrow_minutes integer)
returns jsonb
language plpgsql as $$
declare
  v_epoch constant timestamptz := timestamptz 'epoch';
  v_result jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_wide_minutes is null or p_narrow_minutes is null or p_wide_minutes < 5 or p_narrow_minutes < 5
     or p_wide_minutes % 5 <> 0 or p_narrow_minutes % 5 <> 0 then
    raise exception 'Error-rate windows of % and % minutes: each must be a multiple of 5 minutes', p_wide_minutes, p_narrow_minutes
      using errcode = 'HDC04', hint = 'Error rates are read from 5-minute rollup bins: set error_rate.*.window_minutes to 5, 10, 15, …';
  end if;
  with bins as materialized (
    select metric, source, bin_start, calls, errors, rate_limited, callers
    from telemetry_bin
    where site_id = p_site and bin_start >= date_bin('5 minutes', p_from, v_epoch) and bin_start < p_to
  ), totals as (
    select metric, source, sum(calls)::integer as n, sum(errors)::integer as errors, sum(rate_limited)::integer as rate_limited
    from bins group by metric, source
  ), binned as (
    -- Each bin in its wide and in its narrow window.
    select k.kind, b.metric, b.source, b.calls, b.errors, b.rate_limited, b.callers,
      date_bin(make_interval(mins => case when k.kind = 'wide' then p_wide_minutes else p_narrow_minutes end), b.bin_start, v_epoch) as window_start
    from bins b cross join (values ('wide'), ('narrow')) as k (kind)
  ), windows as (
    -- The most callers of one bin is a lower bound of the window's people: enough on its own for
    -- most windows; the exact count (the union of the bins' callers) only where it is not.
    select kind, metric, source, window_start, sum(calls) as calls, sum(errors) as errors, sum(rate_limited) as rate_limited,
      max(cardinality(callers)) as people_at_least
    from binned group by kind, metric, source, window_start
  ), people as (
    select b.kind, b.metric, b.source, b.window_start, count(distinct c) as accounts
    from binned b
    join windows w using (kind, metric, source, window_start)
    cross join lateral unnest(b.callers) as c
    where w.calls >= p_min_calls and w.people_at_least < p_min_accounts
    group by b.kind, b.metric, b.source, b.window_start
  ), judged as (
    select w.*, w.people_at_least >= p_min_accounts or coalesce(p.accounts, 0) >= p_min_accounts as enough_people
    from windows w left join people p using (kind, metric, source, window_start)
  ), wide as (
    select metric, source,
      max(errors::float8 / calls) filter (where calls >= p_min_calls and enough_people) as worst_rate,
      max(rate_limited) as worst_rate_limited
    from judged where kind = 'wide'
    group by metric, source
  ), narrow as (
    select metric, source, max(errors::float8 / calls) filter (where calls >= p_min_calls and enough_people) as worst_rate
    from judged where kind = 'narrow'
    group by metric, source
  ), latency as (
    select h.metric, h.source, u.bucket, sum(u.n) as n
    from telemetry_latency_hour h
    cross join lateral unnest(h.buckets, h.counts) as u (bucket, n)
    where h.site_id = p_site and h.hour_start >= date_bin('1 hour', p_from, v_epoch) and h.hour_start < p_to
    group by h.metric, h.source, u.bucket
  ), cumulative as (
    select metric, source, bucket,
      sum(n) over (partition by metric, source order by bucket) as upto,
      sum(n) over (partition by metric, source) as total
    from latency
  ), percentiles as (
    -- The 0-based rank p × (n − 1) falls in the first bucket whose running count passes it.
    select metric, source,
      power(1.03, min(bucket) filter (where upto > 0.5 * (total - 1)) + 0.5)::float8 as p50,
      power(1.03, min(bucket) filter (where upto > 0.95 * (total - 1)) + 0.5)::float8 as p95
    from cumulative group by metric, source
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'metric', totals.metric, 'source', totals.source, 'count', totals.n, 'errors', totals.errors,
      'p50Ms', percentiles.p50, 'p95Ms', percentiles.p95, 'rateLimited', totals.rate_limited,
      'worstWideErrorRate', wide.worst_rate, 'worstNarrowErrorRate', narrow.worst_rate,
      'worstWideRateLimited', coalesce(wide.worst_rate_limited, 0), 'samples', samples.rows)
    order by totals.metric, totals.source), '[]'::jsonb)
  into v_result
  from totals
  join wide using (metric, source)
  join narrow using (metric, source)
  join percentiles using (metric, source)
  cross join lateral (
    select coalesce(jsonb_agg(sample order by (sample ->> 'recordedAt')::timestamptz desc), '[]'::jsonb) as rows
    from (
      select sample
      from (
        select h.samples from telemetry_latency_hour h
        where h.site_id = p_site and h.metric = totals.metric and h.source = totals.source
          and h.hour_start >= date_bin('1 hour', p_from, v_epoch) and h.hour_start < p_to
        order by h.hour_start desc limit 2
      ) as latest_hours
      cross join lateral jsonb_array_elements(latest_hours.samples) as sample
      where (sample ->> 'recordedAt')::timestamptz >= p_from and (sample ->> 'recordedAt')::timestamptz < p_to
      order by (sample ->> 'recordedAt')::timestamptz desc
      limit 2
    ) as latest
  ) as samples;
  return jsonb_build_object('from', p_from, 'to', p_to, 'metrics', v_result);
end $$;
