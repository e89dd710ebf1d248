-- This site's 5-minute bins of telemetry in [p_from, p_to), as of now: the folded rollups of the hours
-- the fold is done with, and, for the others (from the fold's open hour on, and hours marked for
-- late rows), the raw rows grouped the same way. Readers that must not wait for the hourly fold
-- (the alert evaluator, Operations now) read this instead of telemetry_bin.
create or replace function hdc_recent_bins(p_site hdc_site, p_from timestamptz, p_to timestamptz)
returns table (bin_start timestamptz, metric text, source text, calls bigint, errors bigint, forbidden bigint,
  callers text[], refused_callers text[])
language sql stable as $$
  with folded_to as (
    select coalesce((select fold_from from telemetry_fold_state where site_id = p_site), '-infinity'::timestamptz) as at
  ), marked as (
    select distinct hour_start from telemetry_fold_mark where site_id = p_site
  )
  select b.bin_start, b.metric, b.source, b.calls::bigint, b.errors::bigint, b.forbidden::bigint, b.callers, b.refused_callers
  from telemetry_bin b, folded_to f
  where b.site_id = p_site and b.bin_start >= p_from and b.bin_start < p_to and b.bin_start < f.at
    and date_bin('1 hour', b.bin_start, timestamptz 'epoch') not in (select hour_start from marked)
  union all
  -- Raw rows: from the fold's open hour on (an index range), and of the hours marked for late rows.
  select date_bin('5 minutes', t.recorded_at, timestamptz 'epoch'), t.metric, t.source, count(*),
    count(*) filter (where t.outcome = 'error'), count(*) filter (where hdc_is_forbidden(t.outcome, t.attributes)),
    coalesce(array_agg(distinct t.caller) filter (where t.caller is not null), '{}'),
    coalesce(array_agg(distinct t.caller) filter (where t.caller is not null and hdc_is_forbidden(t.outcome, t.attributes)), '{}')
  from (
    select t.* from telemetry_event t, folded_to f
    where t.site_id = p_site and t.recorded_at >= greatest(p_from, f.at) and t.recorded_at < p_to
    union all
    select t.* from marked m, folded_to f, telemetry_event t
    where m.hour_start < f.at and t.site_id = p_site
      and t.recorded_at >= greatest(p_from, m.hour_start) and t.recorded_at < least(p_to, m.hour_start + interval '1 hour', f.at)
  ) as t
  group by 1, 2, 3
$$;
