-- The scheduled telemetry sampler's SQL: telemetry windows for the threshold rules, the sync probe
-- (the real sync path, rolled back), and bounded retention pruning (audited in ops_audit_log, 0007).

-- Telemetry over a window, per metric and source: counts, errors, p50 / p95, the worst error rate
-- in any bin of p_wide_minutes and of p_narrow_minutes (bins with at least p_min_calls calls; the
-- thresholds file sets 15 and 5), rate-limited calls in the worst wide bin, and the two latest rows
-- as samples. One statement.
create function hdc_telemetry_window(p_from timestamptz, p_to timestamptz, p_min_calls integer,
  p_wide_minutes integer, p_narrow_minutes integer, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_result jsonb;
begin
  perform hdc_record_telemetry(p_telemetry);
  with t as (
    select * from telemetry_event where recorded_at >= p_from and recorded_at < p_to
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

-- The sampler's sync probe: the real sync path (hdc_apply_sync_attempt) on the canonical event,
-- inside a sub-transaction that is always rolled back, so no row changes. Returns what the
-- attempt would have done. NOWAIT: a probe never waits behind an admin's sync.
create function hdc_sync_probe(p_event_query text, p_telemetry jsonb default '[]'::jsonb) returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_outcome jsonb;
begin
  perform hdc_record_telemetry(p_telemetry);
  select * into v_event from event
  where starts_with(lower(name), lower(p_event_query))
  order by lower(name) collate "C", id
  limit 1;
  if not found then
    raise exception 'No canonical event matches "%"', p_event_query using errcode = 'HDC01',
      hint = 'Create the canonical verification event, or set HDC_CANONICAL_EVENT_QUERY to the prefix of its name.';
  end if;
  begin
    perform 1 from event where id = v_event.id for update nowait;
    v_outcome := hdc_apply_sync_attempt(v_event, 'hdc-sync-probe', 'complete', null);
    -- Raising is what rolls the sub-transaction back; the outcome rides out in the message.
    raise exception using errcode = 'HDC99',
      message = jsonb_build_object('status', v_outcome #>> '{state,status}', 'attempt', v_outcome -> 'attempt')::text;
  exception
    when sqlstate 'HDC99' then
      v_outcome := sqlerrm::jsonb;
    when lock_not_available then
      raise exception 'The canonical event is being synced right now' using errcode = 'HDC05',
        hint = 'The probe runs again at the next scheduled run.';
  end;
  return jsonb_build_object('eventId', v_event.id, 'name', v_event.name) || v_outcome;
end $$;

-- Telemetry retention: deletes at most p_batch rows older than p_before; the caller loops.
create function hdc_prune_telemetry(p_before timestamptz, p_batch integer, p_actor text,
  p_telemetry jsonb default '[]'::jsonb)
returns integer
language plpgsql as $$
declare
  v_deleted integer;
begin
  if p_batch is null or p_batch < 1 or p_batch > 50000 then
    raise exception 'batch must be between 1 and 50000' using errcode = 'HDC04', hint = 'Prune in bounded batches.';
  end if;
  delete from telemetry_event where id in (
    select id from telemetry_event where recorded_at < p_before order by recorded_at limit p_batch);
  get diagnostics v_deleted = row_count;
  if v_deleted > 0 then
    insert into ops_audit_log (actor, action, detail)
    values (p_actor, 'telemetry_pruned', jsonb_build_object('deleted', v_deleted, 'before', p_before));
  end if;
  -- After the delete, so the pruned window never swallows the telemetry this call carries.
  perform hdc_record_telemetry(p_telemetry);
  return v_deleted;
end $$;

select hdc_lock_down_functions();
