-- This site's 5-minute bins of telemetry in [p_from, p_to), as of now: the folded rollups of the hours
-- the fold is done with, and, for the others (from the fold's open hour on, and hours marked for
-- late rows), the raw rows grouped the same way. Readers that must not wait for the hourly fold
-- (the alert evaluator, Operations now) read this instead of telemetry_bin. PL/pgSQL, not SQL: the
-- fold's position is read first, so that the raw rows are read by an index range of known bounds
-- (inlined into a caller's plan, the bound from a join made the planner scan every raw row).
-- The sets of callers are returned for the bins from p_callers_from on only (null before): copying
-- three days of them cost the alert evaluator most of its time; caller_count (the bin's distinct
-- callers) is always there, a lower bound of a window's people.
create or replace function hdc_recent_bins(p_site hdc_site, p_from timestamptz, p_to timestamptz,
  p_callers_from timestamptz default '-infinity')
returns table (bin_start timestamptz, metric text, source text, calls bigint, errors bigint, forbidden bigint,
  callers text[], refused_callers text[], caller_count integer)
language plpgsql stable as $$
#variable_conflict use_column
declare
  v_folded timestamptz := coalesce((select s.fold_from from telemetry_fold_state s where s.site_id = p_site), '-infinity');
  v_marked timestamptz[] := array(select distinct m.hour_start from telemetry_fold_mark m where m.site_id = p_site);
begin
  return query
  select b.bin_start, b.metric, b.source, b.calls::bigint, b.errors::bigint, b.forbidden::bigint,
    case when b.bin_start >= p_callers_from then b.callers end, case when b.bin_start >= p_callers_from then b.refused_callers end,
    cardinality(b.callers)
  from telemetry_bin b
  where b.site_id = p_site and b.bin_start >= p_from and b.bin_start < least(p_to, v_folded)
    and not (date_bin('1 hour', b.bin_start, timestamptz 'epoch') = any (v_marked))
  union all
  select r.bin_start, r.metric, r.source, r.calls, r.errors, r.forbidden,
    case when r.bin_start >= p_callers_from then r.callers end, case when r.bin_start >= p_callers_from then r.refused_callers end,
    cardinality(r.callers)
  from (
  select date_bin('5 minutes', t.recorded_at, timestamptz 'epoch') as bin_start, t.metric, t.source, count(*) as calls,
    count(*) filter (where t.outcome = 'error') as errors, count(*) filter (where hdc_is_forbidden(t.outcome, t.attributes)) as forbidden,
    coalesce(array_agg(distinct t.caller) filter (where t.caller is not null), '{}') as callers,
    coalesce(array_agg(distinct t.caller) filter (where t.caller is not null and hdc_is_forbidden(t.outcome, t.attributes)), '{}')
      as refused_callers
  from (
    -- From the fold's open hour on (an index range), and the hours marked for late rows.
    select t.recorded_at, t.metric, t.source, t.outcome, t.attributes, t.caller from telemetry_event t
    where t.site_id = p_site and t.recorded_at >= greatest(p_from, v_folded) and t.recorded_at < p_to
    union all
    select t.recorded_at, t.metric, t.source, t.outcome, t.attributes, t.caller
    from unnest(v_marked) as m (hour_start)
    join telemetry_event t on t.site_id = p_site
      and t.recorded_at >= greatest(p_from, m.hour_start) and t.recorded_at < least(p_to, m.hour_start + interval '1 hour', v_folded)
  ) as t
  group by 1, 2, 3
  ) as r;
end $$;
