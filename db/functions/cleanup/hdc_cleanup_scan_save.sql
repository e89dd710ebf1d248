-- cleanup.scan, each chunk: keeps the descendants just listed and the cursor to go on from. When
-- the listing is done, also returns the event pages it did not meet (to be looked up by id), all
-- events of the HDC read in this one round trip.
create or replace function hdc_cleanup_scan_save(p_site hdc_site, p_actor text, p_scan_id bigint, p_pages jsonb,
  p_cursor text, p_requests integer, p_listing_done boolean)
returns jsonb
language plpgsql as $$
declare
  v_scan cleanup_scan;
begin
  perform hdc_begin_call(p_site);
  v_scan := hdc_cleanup_lock_scan(p_site, p_actor, p_scan_id);
  if v_scan.status <> 'listing' then
    raise exception 'This scan is already complete' using errcode = 'HDC05', hint = 'Read its result, or start a new scan.';
  end if;
  insert into cleanup_scan_page (site_id, scan_id, page_id, title, status, parent_id, depth, last_modified, seen_as)
  select p_site, p_scan_id, p.id, p.title, p.status, p."parentId", p.depth, p."lastModified", 'descendant'
  from jsonb_to_recordset(p_pages) as p(id text, title text, status text, "parentId" text, depth integer, "lastModified" timestamptz)
  on conflict (scan_id, page_id) do nothing;
  update cleanup_scan set cursor = p_cursor, requests = requests + p_requests where id = p_scan_id;
  return hdc_cleanup_scan_view(p_scan_id) || jsonb_build_object(
    'missingPageIds', case when p_listing_done then coalesce((
      select jsonb_agg(distinct e.confluence_page_id)
      from event e
      where e.site_id = p_site and e.confluence_parent_page_id = v_scan.parent_page_id and e.confluence_page_id is not null
        and not exists (select 1 from cleanup_scan_page s where s.scan_id = p_scan_id and s.page_id = e.confluence_page_id)
    ), '[]'::jsonb) else null end);
end $$;
