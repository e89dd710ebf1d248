-- A telemetry row of a call refused as forbidden (HDC02 in the database, or the caller's typed
-- code): what the auth-failure rate counts, in the fold and in the ops summary's view of now.
create or replace function hdc_is_forbidden(p_row telemetry_event) returns boolean
language sql immutable as $$
  select p_row.outcome = 'rejected' and (p_row.attributes ->> 'sqlState' = 'HDC02' or p_row.attributes ->> 'errorCode' = 'forbidden')
$$;
