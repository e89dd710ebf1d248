-- A cleanup batch's reply: the plan, and the items to act on in the order given, with what the
-- database says about them now (where a page stood: as Confluence said when it was trashed, else as
-- the scan saw it; which events still reference a page to trash).
create or replace function hdc_cleanup_batch_reply(p_site hdc_site, p_plan cleanup_plan, p_positions integer[])
returns jsonb
language sql stable as $$
  select jsonb_build_object('plan', hdc_cleanup_plan_view(p_plan.id), 'items', coalesce(jsonb_agg(jsonb_build_object(
      'position', i.position, 'action', i.action, 'pageId', i.page_id, 'eventId', i.event_id,
      'toPageId', i.to_page_id, 'title', i.title, 'version', i.version,
      'parentId', coalesce(i.before ->> 'parentId', (select s.parent_id from cleanup_scan_page s where s.scan_id = p_plan.scan_id and s.page_id = i.page_id)),
      'referencedBy', (select jsonb_agg(e.id) from event e where e.site_id = p_site and i.action = 'trash' and e.confluence_page_id = i.page_id))
      order by o.rank), '[]'::jsonb))
  from unnest(p_positions) with ordinality as o(position, rank)
  join cleanup_item i on i.plan_id = p_plan.id and i.position = o.position
$$;
