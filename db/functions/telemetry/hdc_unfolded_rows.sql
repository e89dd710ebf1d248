-- This site's raw telemetry rows in [p_from, p_to) that the fold has not reached: from the fold's
-- open hour on (p_folded, an index range) and in the hours marked for late rows (p_marked). Only
-- for hdc_recent_bins, which reads the fold's position first and passes it, so that both are index
-- ranges of known bounds.
create or replace function hdc_unfolded_rows(p_site hdc_site, p_from timestamptz, p_to timestamptz, p_folded timestamptz,
  p_marked timestamptz[])
returns table (recorded_at timestamptz, metric text, source text, outcome text, attributes jsonb, caller text)
language sql stable as $$
  select t.recorded_at, t.metric, t.source, t.outcome, t.attributes, t.caller from telemetry_event t
  where t.site_id = p_site and t.recorded_at >= greatest(p_from, p_folded) and t.recorded_at < p_to
  union all
  select t.recorded_at, t.metric, t.source, t.outcome, t.attributes, t.caller
  from unnest(p_marked) as m (hour_start)
  join telemetry_event t on t.site_id = p_site
    and t.recorded_at >= greatest(p_from, m.hour_start) and t.recorded_at < least(p_to, m.hour_start + interval '1 hour', p_folded)
$$;
