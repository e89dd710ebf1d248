-- cleanup.scan, first call: a new scan of the pages under an HDC parent page, or the scan still
-- listing that the caller resumes (p_scan_id). Returns where the listing stands.
create or replace function hdc_cleanup_scan_start(p_site hdc_site, p_actor text, p_parent_page_id text,
  p_trigger text default 'user', p_scan_id bigint default null)
returns jsonb
language plpgsql as $$
declare
  v_scan cleanup_scan;
begin
  perform hdc_begin_call(p_site);
  if p_trigger = 'user' then
    perform hdc_require_operator(p_site, p_actor);
  end if;
  if p_scan_id is not null then
    select * into v_scan from cleanup_scan where site_id = p_site and id = p_scan_id;
    if v_scan.id is null then
      raise exception 'No such scan' using errcode = 'HDC01', hint = 'Start a new scan.';
    end if;
  else
    if p_parent_page_id is null or p_parent_page_id !~ '^[0-9]{1,20}$' then
      raise exception 'No HDC parent page to scan' using errcode = 'HDC04',
        hint = 'Put the macro on the HDC parent page, or set HDC_PARENT_PAGE_ID.';
    end if;
    insert into cleanup_scan (site_id, parent_page_id, started_by, trigger)
    values (p_site, p_parent_page_id, coalesce(p_actor, 'hdc-ops scheduled scan'), p_trigger)
    returning * into v_scan;
  end if;
  return hdc_cleanup_scan_view(v_scan.id);
end $$;
