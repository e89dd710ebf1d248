-- Marks the hours of late rows (recorded before the previous hour) for the next fold; the current
-- and the previous hour are folded every time and need no mark. Telemetry writers call it in the
-- transaction of their write: the mark commits with the rows, or not at all.
create or replace function hdc_mark_telemetry_unfolded(p_site hdc_site, p_recorded_at timestamptz[]) returns void
language sql as $$
  insert into telemetry_fold_mark (site_id, hour_start)
  select distinct p_site, date_bin('1 hour', t, timestamptz 'epoch') from unnest(p_recorded_at) as t
  where t < date_bin('1 hour', now(), timestamptz 'epoch') - interval '1 hour';
$$;
