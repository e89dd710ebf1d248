-- Whether an account is an HDC operator of this site (report.generate and the report macro).
create or replace function hdc_is_operator(p_site hdc_site, p_account text) returns boolean
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return exists (select 1 from hdc_operator where site_id = p_site and account_id = p_account);
end $$;
