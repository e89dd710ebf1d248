-- cleanup.scan, last call: keeps the event pages looked up by id (those Confluence no longer has
-- are absent), computes the findings, stores the result with the scan and audits it.
create or replace function hdc_cleanup_scan_finish(p_site hdc_site, p_actor text, p_scan_id bigint, p_lookups jsonb,
  p_requests integer, p_can_delete boolean)
returns jsonb
language plpgsql as $$
declare
  v_scan cleanup_scan;
  v_findings jsonb;
  v_result jsonb;
begin
  perform hdc_begin_call(p_site);
  v_scan := hdc_cleanup_lock_scan(p_site, p_actor, p_scan_id);
  if v_scan.status <> 'listing' then
    return hdc_cleanup_scan_view(v_scan.id);
  end if;
  insert into cleanup_scan_page (site_id, scan_id, page_id, title, status, parent_id, depth, last_modified, version, seen_as)
  select p_site, p_scan_id, p.id, p.title, p.status, p."parentId", 0, p."lastModified", p.version, 'lookup'
  from jsonb_to_recordset(p_lookups) as p(id text, title text, status text, "parentId" text, "lastModified" timestamptz, version integer)
  on conflict (scan_id, page_id) do nothing;
  v_findings := hdc_cleanup_findings(p_site, p_scan_id);
  v_result := jsonb_build_object(
    'canDelete', p_can_delete,
    'counts', jsonb_build_object(
      'pages', (select count(*) from cleanup_scan_page where scan_id = p_scan_id and seen_as = 'descendant'),
      'events', (select count(*) from event where site_id = p_site and confluence_parent_page_id = v_scan.parent_page_id),
      'missing', (select count(distinct e.confluence_page_id) from event e
        where e.site_id = p_site and e.confluence_parent_page_id = v_scan.parent_page_id and e.confluence_page_id is not null
          and not exists (select 1 from cleanup_scan_page s where s.scan_id = p_scan_id and s.page_id = e.confluence_page_id
            and s.seen_as = 'descendant')),
      'orphanPages', jsonb_array_length(v_findings -> 'orphanPages'),
      'danglingEvents', jsonb_array_length(v_findings -> 'danglingEvents'),
      'duplicateReferences', jsonb_array_length(v_findings -> 'duplicateReferences')),
    'findings', v_findings);
  update cleanup_scan set status = 'complete', finished_at = now(), cursor = null, requests = requests + p_requests, result = v_result
  where id = p_scan_id;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, v_scan.started_by, 'cleanup_scanned', p_scan_id::text,
    jsonb_build_object('parentPageId', v_scan.parent_page_id, 'trigger', v_scan.trigger, 'counts', v_result -> 'counts'));
  return hdc_cleanup_scan_view(p_scan_id);
end $$;
