-- Every public HDC function starts here: no site, no rows (the hdc_site domain already rejects a
-- malformed site with check_violation; a missing one arrives as null); then the site's hold (a
-- restore or rollback in progress refuses every call but its own, p_hold). The telemetry a call
-- carries is hdc_call's, not the function's.
create or replace function hdc_begin_call(p_site hdc_site, p_hold uuid default null) returns void
language plpgsql as $$
begin
  if p_site is null then
    raise exception 'No Confluence site given' using errcode = 'HDC04',
      hint = 'Every call names its site (Forge: the installation; locally: HDC_SITE_ID or --site).';
  end if;
  perform hdc_site_hold_check(p_site, p_hold);
end $$;
