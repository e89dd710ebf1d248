-- Every public HDC function starts here: no site, no rows (the hdc_site domain already rejects a
-- malformed site with check_violation; a missing one arrives as null); then the site's hold (a
-- restore or rollback in progress refuses every call but its own, p_hold); then the telemetry the
-- call carries is recorded for that site (hdc_record_telemetry), before the function reads anything.
create or replace function hdc_begin_call(p_site hdc_site, p_telemetry jsonb, p_hold uuid default null) returns void
language plpgsql as $$
begin
  if p_site is null then
    raise exception 'No Confluence site given' using errcode = 'HDC04',
      hint = 'Every call names its site (Forge: the installation; locally: HDC_SITE_ID or --site).';
  end if;
  perform hdc_site_hold_check(p_site, p_hold);
  perform hdc_record_telemetry(p_site, p_telemetry);
end $$;
