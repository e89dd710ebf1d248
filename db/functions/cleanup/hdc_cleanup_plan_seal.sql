-- A plan's seal: the SHA-256 of its items in canonical form (position, kind, action, page, event,
-- target page, expected version), with the plan, scan and author they belong to. Computed when the
-- plan is made (the hash the operator confirms) and again before every execute and restore batch,
-- so an item changed after planning, by any means, stops the plan as a whole.
create or replace function hdc_cleanup_plan_seal(p_plan_id uuid) returns text
language sql stable as $$
  select encode(sha256(convert_to(jsonb_build_object('planId', p.id, 'scanId', p.scan_id, 'createdBy', p.created_by,
    'items', (select jsonb_agg(jsonb_build_object('position', i.position, 'kind', i.kind, 'action', i.action, 'pageId', i.page_id,
      'eventId', i.event_id, 'toPageId', i.to_page_id, 'version', i.version) order by i.position)
      from cleanup_item i where i.plan_id = p.id))::text, 'UTF8')), 'hex')
  from cleanup_plan p where p.id = p_plan_id
$$;
