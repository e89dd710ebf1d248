-- The cleanup's gate: scanning, planning, executing and restoring are for HDC operators only,
-- checked in every cleanup function (the macro only mirrors it).
create or replace function hdc_require_operator(p_site hdc_site, p_actor text) returns void
language plpgsql as $$
begin
  if p_actor is null or not exists (select 1 from hdc_operator where site_id = p_site and account_id = p_actor) then
    raise exception 'Only HDC operators may clean up orphan pages or run operations' using errcode = 'HDC02',
      hint = 'Ask an HDC operator to do it, or to make you one (hdc-ops operator add <accountId>).';
  end if;
end $$;
