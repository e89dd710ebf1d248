-- The one entry every call of the app goes through (src/store/site-rpc.ts), and the one place
-- telemetry meets the database. In one transaction, one round trip: it records the telemetry the
-- call carries (p_telemetry: rows of calls that never reached the database, and end-to-end views
-- of calls that did), calls the business function p_fn with p_site and p_args (named; each value
-- typed from the function's own signature, hdc_call_statement), and, for a measured call (p_call:
-- id, metric, source, attributes), writes that call's row from its reply before the reply leaves.
-- Business functions carry no telemetry. A raised error rolls all of it back; the caller keeps
-- its queued rows for the next call.
create or replace function hdc_call(p_site hdc_site, p_fn text, p_args jsonb default '{}'::jsonb,
  p_telemetry jsonb default '[]'::jsonb, p_call jsonb default null)
returns jsonb
language plpgsql as $$
declare
  v_started timestamptz := clock_timestamp();
  v_reply jsonb;
begin
  perform hdc_require_site(p_site);
  perform hdc_record_telemetry(p_site, p_telemetry);
  execute hdc_call_statement(p_fn, coalesce(p_args, '{}'::jsonb)) into v_reply using p_site, coalesce(p_args, '{}'::jsonb);
  if p_call is not null then
    perform hdc_record_call_telemetry(p_site, p_call, v_started, v_reply);
  end if;
  return v_reply;
end $$;
