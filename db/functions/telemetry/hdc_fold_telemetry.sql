-- Folds this site's raw telemetry into the rollups: the hours from fold_from to the current hour,
-- at most p_max_hours of them a call, and the hours marked for late rows (the caller loops while
-- hours are pending). Each hour's 5-minute bins and latency histogram are recomputed from the
-- hour's raw rows, so folding an hour twice gives the same rollup, and rows that arrived late or
-- were rewritten with the caller's end-to-end view are counted. Hours before raw_complete_from
-- have lost raw rows to pruning: their rollup stays as it was, and the late rows are reported as
-- dropped. One fold of a site at a time (an advisory lock); an audit row for each call that read rows.
-- Returns {hours, rows, lateRowsDropped, pendingHours}.
create or replace function hdc_fold_telemetry(p_site hdc_site, p_max_hours integer, p_actor text)
returns jsonb
language plpgsql as $$
declare
  v_epoch constant timestamptz := timestamptz 'epoch';
  v_now_hour constant timestamptz := date_bin('1 hour', now(), timestamptz 'epoch');
  -- Re-read by every fold: in the first 10 minutes of an hour, the previous hour too (a write that
  -- began before the hour turned may commit after this fold's snapshot).
  v_open_hour constant timestamptz := date_bin('1 hour', now() - interval '10 minutes', timestamptz 'epoch');
  v_from timestamptz;
  v_to timestamptz;
  v_marked timestamptz[];
  v_hours timestamptz[];
  v_fold timestamptz[];
  v_complete_from timestamptz;
  v_rows integer := 0;
  v_late integer := 0;
  v_pending integer;
begin
  perform hdc_begin_call(p_site);
  perform hdc_check_batch_size('max hours', p_max_hours, 168);
  perform pg_advisory_xact_lock(hashtextextended('hdc_fold_telemetry:' || p_site, 0));

  select fold_from, raw_complete_from into v_from, v_complete_from from telemetry_fold_state where site_id = p_site;
  if not found then
    v_from := '-infinity';
    v_complete_from := '-infinity';
  end if;
  -- Hours without raw rows are skipped: the fold starts at the first raw row from fold_from on (a
  -- site's first fold: its oldest row), and at the open hour at the latest.
  select least(coalesce(date_bin('1 hour', min(recorded_at), v_epoch), v_open_hour), v_open_hour)
  into v_from
  from telemetry_event where site_id = p_site and recorded_at >= v_from;
  v_to := least(v_from + make_interval(hours => p_max_hours), v_now_hour + interval '1 hour');

  -- Marks are deleted in a statement of their own, before the raw rows are read: a mark deleted
  -- here was committed, and so were the rows it marks; a write still in flight keeps its mark.
  with marked as (
    delete from telemetry_fold_mark
    where site_id = p_site and hour_start in (
      select distinct hour_start from telemetry_fold_mark where site_id = p_site order by hour_start limit p_max_hours)
    returning hour_start
  )
  select coalesce(array_agg(distinct hour_start), '{}') into v_marked from marked;
  v_hours := array(
    select h from generate_series(v_from, v_to - interval '1 hour', interval '1 hour') as h
    union select h from unnest(v_marked) as h
    order by 1);
  v_fold := array(select h from unnest(v_hours) as h where h >= v_complete_from);
  if cardinality(v_fold) < cardinality(v_hours) then
    select count(*) into v_late
    from unnest(v_hours) as h
    join telemetry_event t on t.site_id = p_site and t.recorded_at >= h and t.recorded_at < h + interval '1 hour'
    where h < v_complete_from;
  end if;

  delete from telemetry_bin b using unnest(v_fold) as h
  where b.site_id = p_site and b.bin_start >= h and b.bin_start < h + interval '1 hour';
  delete from telemetry_latency_hour where site_id = p_site and hour_start = any(v_fold);

  with raw as materialized (
    select h as hour_start, t.id, t.metric, t.source, t.outcome, t.duration_ms, t.attributes, t.recorded_at, t.caller,
      hdc_is_forbidden(t.outcome, t.attributes) as forbidden
    from unnest(v_fold) as h
    join telemetry_event t on t.site_id = p_site and t.recorded_at >= h and t.recorded_at < h + interval '1 hour'
  ), bins as (
    insert into telemetry_bin (site_id, bin_start, metric, source, calls, errors, rejections, rate_limited, forbidden,
      callers, refused_callers)
    select p_site, date_bin('5 minutes', recorded_at, v_epoch), metric, source, count(*),
      count(*) filter (where outcome = 'error'),
      count(*) filter (where outcome = 'rejected'),
      count(*) filter (where attributes ->> 'rateLimited' = 'true'),
      count(*) filter (where forbidden),
      -- The people behind the bin's calls, at most 64 (enough for the evidence thresholds).
      coalesce((array_agg(distinct caller) filter (where caller is not null))[1:64], '{}'),
      coalesce((array_agg(distinct caller) filter (where caller is not null and forbidden))[1:64], '{}')
    from raw
    group by 2, metric, source
    returning calls
  ), buckets as (
    select hour_start, metric, source, floor(ln(greatest(duration_ms, 0.001)) / ln(1.03))::smallint as bucket, count(*)::integer as n
    from raw
    group by hour_start, metric, source, bucket
  ), histograms as (
    select hour_start, metric, source, sum(n)::integer as calls,
      array_agg(bucket order by bucket) as buckets, array_agg(n order by bucket) as counts
    from buckets
    group by hour_start, metric, source
  ), samples as (
    select hour_start, metric, source,
      jsonb_agg(jsonb_build_object('metric', metric, 'source', source, 'outcome', outcome, 'durationMs', duration_ms,
        'attributes', attributes, 'recordedAt', recorded_at) order by recorded_at desc, id) as rows
    from (select *, row_number() over (partition by hour_start, metric, source order by recorded_at desc, id) as rn from raw) as ranked
    where rn <= 2
    group by hour_start, metric, source
  ), hours as (
    insert into telemetry_latency_hour (site_id, hour_start, metric, source, calls, buckets, counts, samples)
    select p_site, hour_start, metric, source, histograms.calls, histograms.buckets, histograms.counts, samples.rows
    from histograms join samples using (hour_start, metric, source)
    returning 1
  )
  select coalesce(sum(calls), 0) into v_rows from bins;

  -- The open hour and the ones after it are folded again next time.
  insert into telemetry_fold_state as s (site_id, fold_from)
  values (p_site, least(v_to, v_open_hour))
  on conflict (site_id) do update set fold_from = excluded.fold_from;
  insert into ops_audit_log (site_id, actor, action, detail)
  select p_site, p_actor, 'telemetry_folded', jsonb_build_object('hours', cardinality(v_fold),
    'from', v_hours[1], 'to', v_hours[cardinality(v_hours)] + interval '1 hour', 'rows', v_rows, 'lateRowsDropped', v_late)
  where v_rows > 0 or v_late > 0;
  select greatest(0, extract(epoch from v_open_hour - least(v_to, v_open_hour)) / 3600)::integer
    + (select count(distinct hour_start) from telemetry_fold_mark where site_id = p_site)
  into v_pending;
  return jsonb_build_object('hours', cardinality(v_fold), 'rows', v_rows, 'lateRowsDropped', v_late, 'pendingHours', v_pending);
end $$;
