-- Who made a call, as telemetry keeps it: a 16-hex-digit hash of the site and the account id, so the
-- evidence rules can count people without telemetry holding an account id. The same account on the
-- same site always gives the same key (an erasure can find its rows); null without an account.
create or replace function hdc_caller_key(p_site hdc_site, p_account text) returns text
language sql immutable as $$
  select case when p_account is null or p_account = '' then null else left(md5(p_site || ':' || p_account), 16) end
$$;
