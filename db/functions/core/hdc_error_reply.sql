-- A refusal returned as a value instead of raised, so that the call's own telemetry row (and any
-- other work the function must keep) is not rolled back with it. The store adapters map it to the
-- same AppError as a raised HDC SQLSTATE.
create or replace function hdc_error_reply(p_code text, p_message text, p_hint text) returns jsonb
language sql immutable as $$
  select jsonb_build_object('hdcError', jsonb_strip_nulls(jsonb_build_object(
    'code', p_code, 'message', p_message, 'hint', nullif(p_hint, ''))))
$$;
