-- The row of the call hdc_call is serving (p_call: id, metric, source, attributes), written in the
-- call's transaction so that it is committed by the time the reply leaves: outcome from the reply
-- (hdc_call_outcome), duration measured by the database since p_started, attributes from the
-- caller and from the reply (hdc_call_attributes), the caller's key (hdc_caller_key of p_call's
-- account, when a person made the call). The caller's end-to-end view of the same id,
-- queued for its next call, replaces outcome and duration later (hdc_record_telemetry).
create or replace function hdc_record_call_telemetry(p_site hdc_site, p_call jsonb, p_started timestamptz, p_reply jsonb)
returns void
language plpgsql as $$
begin
  begin
    insert into telemetry_event (id, site_id, metric, source, outcome, duration_ms, duration_source, attributes, recorded_at, caller)
    values ((p_call ->> 'id')::uuid, p_site, p_call ->> 'metric', coalesce(p_call ->> 'source', 'organic'),
      hdc_call_outcome(p_reply),
      extract(epoch from clock_timestamp() - p_started) * 1000, 'database',
      jsonb_strip_nulls(coalesce(p_call -> 'attributes', '{}'::jsonb)
        || hdc_call_attributes(p_call ->> 'metric', p_reply)
        || jsonb_build_object('sqlState', p_reply #>> '{hdcError,code}')), p_started,
      hdc_caller_key(p_site, p_call ->> 'account'))
    on conflict (id) do nothing;
  exception when others then
    raise warning 'hdc call telemetry dropped (%): %', sqlstate, sqlerrm;
  end;
end $$;
