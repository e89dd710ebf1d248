-- Every public HDC function starts here: no site, no rows. (The hdc_site domain already rejects a
-- malformed site with check_violation; a missing one arrives as null.)
create or replace function hdc_require_site(p_site hdc_site) returns void
language plpgsql immutable as $$
begin
  if p_site is null then
    raise exception 'No Confluence site given' using errcode = 'HDC04',
      hint = 'Every call names its site (Forge: the installation; locally: HDC_SITE_ID or --site).';
  end if;
end $$;
