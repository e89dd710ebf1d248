-- The telemetry outcome of a call from its reply: 'success', 'rejected' (the service refused it on
-- purpose: forbidden, read-only, validation, conflict, escalation required, not ready), or 'error'
-- (anything else: the service failed). The same rule as callOutcomeOf in
-- src/telemetry/call-outcome.ts; test/integration/telemetry-outcome.test.ts proves they agree.
create or replace function hdc_call_outcome(p_reply jsonb) returns text
language sql immutable as $$
  select case
    when not coalesce(p_reply ? 'hdcError', false) then 'success'
    when p_reply #>> '{hdcError,code}' in ('HDC02', 'HDC03', 'HDC04', 'HDC05', 'HDC06', 'HDC07', 'HDC09') then 'rejected'
    else 'error' end
$$;
