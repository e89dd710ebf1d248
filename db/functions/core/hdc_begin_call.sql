-- Every public HDC function starts here: no site, no rows (hdc_require_site); then the site's hold
-- (a restore or rollback in progress refuses every call but its own, p_hold). The telemetry a call
-- carries is hdc_call's, not the function's.
create or replace function hdc_begin_call(p_site hdc_site, p_hold uuid default null) returns void
language plpgsql as $$
begin
  perform hdc_require_site(p_site);
  perform hdc_site_hold_check(p_site, p_hold);
end $$;
