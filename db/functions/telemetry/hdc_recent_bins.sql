-- This site's 5-minute bins of telemetry in [p_from, p_to), as of now: the folded rollups of the hours
-- the fold is done with, and, for the others (from the fold's open hour on, and hours marked for
-- late rows), the raw rows grouped the same way. Readers that must not wait for the hourly fold
-- (the alert evaluator, Operations now) read this instead of telemetry_bin. PL/pgSQL, not SQL: the
-- fold's position is read first, so that the raw rows are read by an index range of known bounds
-- (inlined into a caller's plan, the bound from a join made the planner scan every raw row).
-- The sets of callers are returned for the bins from p_callers_from (a bin's start) on only (null before): copying
-- three days of them cost the alert evaluator most of its time; caller_count (the bin's distinct
-- callers) is there for the folded bins and the ones with their sets (null for the other raw
-- bins: counting their people would sort every raw row), a lower bound of a window's people.
-- JIT off: the planner's estimate for the marked hours' rows passes jit_above_cost, and compiling
-- the query cost ~30 ms of a call that takes a few.
create or replace function hdc_recent_bins(p_site hdc_site, p_from timestamptz, p_to timestamptz,
  p_callers_from timestamptz default '-infinity')
returns table (bin_start timestamptz, metric text, source text, calls bigint, errors bigint, forbidden bigint,
  callers text[], refused_callers text[], caller_count integer)
language plpgsql stable set jit = off as $$
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
  -- The raw rows of the bins that need their sets of callers: grouped with them (sorted).
  select s.bin_start, s.metric, s.source, s.calls, s.errors, s.forbidden, s.callers, s.refused_callers,
    cardinality(s.callers)
  from (
    select date_bin('5 minutes', t.recorded_at, timestamptz 'epoch') as bin_start, t.metric, t.source, count(*) as calls,
      count(*) filter (where t.outcome = 'error') as errors,
      count(*) filter (where hdc_is_forbidden(t.outcome, t.attributes)) as forbidden,
      coalesce(array_agg(distinct t.caller) filter (where t.caller is not null), '{}') as callers,
      coalesce(array_agg(distinct t.caller) filter (where t.caller is not null and hdc_is_forbidden(t.outcome, t.attributes)), '{}')
        as refused_callers
    from hdc_unfolded_rows(p_site, greatest(p_from, p_callers_from), p_to, v_folded, v_marked) as t
    group by 1, 2, 3
  ) as s
  union all
  -- The others: counts only (hashed, no sort; no count of people, which the sets above or the folded
  -- bins give).
  select date_bin('5 minutes', t.recorded_at, timestamptz 'epoch'), t.metric, t.source, count(*),
    count(*) filter (where t.outcome = 'error'), count(*) filter (where hdc_is_forbidden(t.outcome, t.attributes)),
    null::text[], null::text[], null::integer
  from hdc_unfolded_rows(p_site, p_from, least(p_to, p_callers_from), v_folded, v_marked) as t
  group by 1, 2, 3;
end $$;
