-- Telemetry rows of this site, sent along with a call (p_telemetry of every public function): rows
-- of calls that never reached the database, and the caller's end-to-end view of calls that did,
-- whose row the serving function already wrote. The caller's view wins on outcome and duration;
-- attributes are merged; a row's account (a person's call) is kept as its caller key only; the hours written wait for their next fold. A bad batch is dropped with a
-- warning: telemetry never fails a call.
create or replace function hdc_record_telemetry(p_site hdc_site, p_telemetry jsonb) returns integer
language plpgsql as $$
declare
  v_written integer := 0;
  v_hours timestamptz[];
begin
  if p_telemetry is null or jsonb_typeof(p_telemetry) <> 'array' or jsonb_array_length(p_telemetry) = 0 then
    return 0;
  end if;
  begin
    with written as (
      insert into telemetry_event as e (id, site_id, metric, source, outcome, duration_ms, duration_source, attributes, recorded_at, caller)
      select (t ->> 'id')::uuid, p_site, t ->> 'metric', coalesce(t ->> 'source', 'organic'), t ->> 'outcome',
             (t ->> 'durationMs')::double precision, 'end_to_end', coalesce(t -> 'attributes', '{}'::jsonb),
             (t ->> 'recordedAt')::timestamptz, hdc_caller_key(p_site, t ->> 'account')
      from jsonb_array_elements(p_telemetry) as t
      on conflict (id) do update set
        outcome = excluded.outcome, duration_ms = excluded.duration_ms, duration_source = 'end_to_end',
        attributes = e.attributes || excluded.attributes, caller = coalesce(e.caller, excluded.caller)
      where e.site_id = excluded.site_id
      returning e.recorded_at
    )
    select count(*), array_agg(recorded_at) into v_written, v_hours from written;
    perform hdc_mark_telemetry_unfolded(p_site, v_hours);
  exception when others then
    raise warning 'hdc telemetry batch dropped (%): %', sqlstate, sqlerrm;
  end;
  return v_written;
end $$;
