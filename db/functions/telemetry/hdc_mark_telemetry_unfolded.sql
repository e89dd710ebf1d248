-- Marks the hours of late rows for the next fold: rows recorded before the hour that was current 5
-- minutes before this transaction began. Later rows need no mark: every fold re-reads the hour that
-- was current 10 minutes before it began, and the hours after it, and a write lasts less than the
-- 8 s statement timeout, so the fold after the one that could not see it re-reads its hour.
-- Telemetry writers call it in the transaction of their write: the mark commits with the rows.
create or replace function hdc_mark_telemetry_unfolded(p_site hdc_site, p_recorded_at timestamptz[]) returns void
language sql as $$
  insert into telemetry_fold_mark (site_id, hour_start)
  select distinct p_site, date_bin('1 hour', t, timestamptz 'epoch') from unnest(p_recorded_at) as t
  where t < date_bin('1 hour', now() - interval '5 minutes', timestamptz 'epoch');
$$;
