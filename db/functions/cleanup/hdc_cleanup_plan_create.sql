-- cleanup.plan: an immutable record of the chosen items and the action for each, checked against
-- the scan's findings, with each page's version now (p_pages: the pages just read from Confluence,
-- {pageId: {version, status, title}}) and a hash the operator's confirmation must quote.
create or replace function hdc_cleanup_plan_create(p_site hdc_site, p_actor text, p_scan_id bigint, p_items jsonb,
  p_pages jsonb)
returns jsonb
language plpgsql as $$
declare
  v_scan cleanup_scan;
  v_plan_id uuid := gen_random_uuid();
  v_item record;
  v_position integer := 0;
  v_finding jsonb;
  v_page jsonb;
  v_kind text;
  v_items jsonb;
  v_clash text;
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor);
  select * into v_scan from cleanup_scan where site_id = p_site and id = p_scan_id;
  if v_scan.id is null or v_scan.status <> 'complete' then
    raise exception 'No complete scan to plan from' using errcode = 'HDC01', hint = 'Scan first, then choose items from its findings.';
  end if;
  perform hdc_check_batch_size('items', jsonb_array_length(p_items), 500);
  insert into cleanup_plan (id, site_id, scan_id, parent_page_id, created_by, hash)
  values (v_plan_id, p_site, p_scan_id, v_scan.parent_page_id, p_actor, repeat('0', 64));
  for v_item in select * from jsonb_to_recordset(p_items) as i(action text, "pageId" text, "eventId" uuid, "toPageId" text) loop
    if v_item.action = 'trash' then
      select f.value into v_finding from jsonb_array_elements(v_scan.result -> 'findings' -> 'orphanPages') f where f.value ->> 'pageId' = v_item."pageId";
      if v_finding is null then
        raise exception 'Page % is not an orphan page of this scan', v_item."pageId" using errcode = 'HDC04',
          hint = 'Plan only pages the scan found; scan again if the tree changed.';
      end if;
      v_page := p_pages -> v_item."pageId";
      if v_page is null or v_page ->> 'status' not in ('current', 'archived') then
        raise exception 'Page % is no longer in Confluence (or no longer visible to you)', v_item."pageId" using errcode = 'HDC05',
          hint = 'Scan again: the tree changed since the scan.';
      end if;
      insert into cleanup_item (site_id, plan_id, position, kind, action, page_id, title, version, depth, child_ids)
      values (p_site, v_plan_id, v_position, 'orphan_page', 'trash', v_item."pageId", v_finding ->> 'title',
        (v_page ->> 'version')::integer, (v_finding ->> 'depth')::integer,
        array(select jsonb_array_elements_text(v_finding -> 'childIds')));
    elsif v_item.action in ('relink', 'clear') then
      v_kind := null;
      select 'dangling_event', f.value into v_kind, v_finding from jsonb_array_elements(v_scan.result -> 'findings' -> 'danglingEvents') f
      where (f.value ->> 'eventId')::uuid = v_item."eventId";
      if v_finding is null then
        select 'duplicate_reference', e.value || jsonb_build_object('pageId', d.value ->> 'pageId') into v_kind, v_finding
        from jsonb_array_elements(v_scan.result -> 'findings' -> 'duplicateReferences') d, jsonb_array_elements(d.value -> 'events') e
        where (e.value ->> 'eventId')::uuid = v_item."eventId";
      end if;
      if v_finding is null or v_kind is null then
        raise exception 'Event % is not a dangling or duplicate event of this scan', v_item."eventId" using errcode = 'HDC04',
          hint = 'Plan only events the scan found; scan again if they changed.';
      end if;
      if v_item.action = 'relink' then
        v_page := p_pages -> v_item."toPageId";
        if v_item."toPageId" is null or v_page is null or v_page ->> 'status' <> 'current'
          or not exists (select 1 from cleanup_scan_page s where s.scan_id = p_scan_id and s.page_id = v_item."toPageId" and s.seen_as = 'descendant') then
          raise exception 'Page % is not a current page under the HDC parent', coalesce(v_item."toPageId", '(none)') using errcode = 'HDC04',
            hint = 'Relink to a current page under the HDC parent page (an orphan page of the scan), or clear the reference.';
        end if;
        if exists (select 1 from event e where e.site_id = p_site and e.confluence_page_id = v_item."toPageId") then
          raise exception 'Page % is already an event''s page', v_item."toPageId" using errcode = 'HDC04',
            hint = 'Choose a page no event references.';
        end if;
      end if;
      insert into cleanup_item (site_id, plan_id, position, kind, action, page_id, event_id, to_page_id, title)
      values (p_site, v_plan_id, v_position, v_kind, v_item.action, v_finding ->> 'pageId', v_item."eventId",
        case when v_item.action = 'relink' then v_item."toPageId" end, v_finding ->> 'name');
    else
      raise exception 'Unknown action %', coalesce(v_item.action, '(none)') using errcode = 'HDC04',
        hint = 'Actions are trash (an orphan page), relink or clear (a dangling or duplicate event''s page reference).';
    end if;
    v_position := v_position + 1;
  end loop;
  -- Each page and event once, and no page both trashed and relinked to: the refusal names it.
  select format('"%s" (page %s) is listed twice', min(title), page_id) into v_clash
  from cleanup_item where plan_id = v_plan_id and action = 'trash' group by page_id having count(*) > 1 limit 1;
  if v_clash is null then
    select format('The event "%s" is listed twice', min(title)) into v_clash
    from cleanup_item where plan_id = v_plan_id and event_id is not null group by event_id having count(*) > 1 limit 1;
  end if;
  if v_clash is null then
    select format('Page %s is the relink target of two events', to_page_id) into v_clash
    from cleanup_item where plan_id = v_plan_id and to_page_id is not null group by to_page_id having count(*) > 1 limit 1;
  end if;
  if v_clash is null then
    select format('"%s" (page %s) is both trashed and the page the event "%s" is relinked to', t.title, t.page_id, r.title) into v_clash
    from cleanup_item t join cleanup_item r on r.plan_id = t.plan_id and r.to_page_id = t.page_id
    where t.plan_id = v_plan_id and t.action = 'trash' limit 1;
  end if;
  if v_clash is not null then
    raise exception '%', v_clash using errcode = 'HDC04',
      hint = 'Choose each page or event once, and do not trash a page an event is relinked to.';
  end if;
  select jsonb_agg(jsonb_build_object('position', position, 'kind', kind, 'action', action, 'pageId', page_id,
    'eventId', event_id, 'toPageId', to_page_id, 'version', version) order by position)
  into v_items from cleanup_item where plan_id = v_plan_id;
  update cleanup_plan set hash = hdc_cleanup_plan_seal(v_plan_id) where id = v_plan_id;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'cleanup_planned', v_plan_id::text, jsonb_build_object('scanId', p_scan_id, 'items', v_items));
  return hdc_cleanup_plan_view(v_plan_id);
end $$;
