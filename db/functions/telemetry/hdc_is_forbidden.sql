-- Whether a telemetry row is a call refused as forbidden (HDC02 in the database, or the caller's
-- typed code): what the auth-failure rate counts, in the fold and in the readers of recent telemetry.
create or replace function hdc_is_forbidden(p_outcome text, p_attributes jsonb) returns boolean
language sql immutable as $$
  select p_outcome = 'rejected' and (p_attributes ->> 'sqlState' = 'HDC02' or p_attributes ->> 'errorCode' = 'forbidden')
$$;
