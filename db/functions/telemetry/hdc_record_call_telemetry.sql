-- The telemetry row of the call being served, written in its own transaction so that it is
-- committed by the time the reply leaves: outcome from the reply (hdc_call_outcome),
-- duration measured by the database since p_started. No id: an untracked call (seeds, tests).
create or replace function hdc_record_call_telemetry(p_site hdc_site, p_id uuid, p_metric text, p_source text,
  p_started timestamptz, p_reply jsonb, p_attributes jsonb)
returns void
language plpgsql as $$
begin
  if p_id is null then
    return;
  end if;
  begin
    insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, duration_source, attributes, recorded_at)
    values (p_id, p_site, p_metric, coalesce(p_source, 'organic'),
      hdc_call_outcome(p_reply),
      extract(epoch from clock_timestamp() - p_started) * 1000, 'database',
      jsonb_strip_nulls(p_attributes || jsonb_build_object('sqlState', p_reply #>> '{hdcError,code}')), p_started)
    on conflict (id) do nothing;
  exception when others then
    raise warning 'hdc call telemetry dropped (%): %', sqlstate, sqlerrm;
  end;
end $$;
