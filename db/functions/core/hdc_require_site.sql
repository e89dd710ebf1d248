-- No site, no rows: the hdc_site domain already rejects a malformed site (check_violation); a
-- missing one arrives as null and is refused here, by every entry that takes a site.
create or replace function hdc_require_site(p_site hdc_site) returns void
language plpgsql immutable as $$
begin
  if p_site is null then
    raise exception 'No Confluence site given' using errcode = 'HDC04',
      hint = 'Every call names its site (Forge: the installation; locally: HDC_SITE_ID or --site).';
  end if;
end $$;
