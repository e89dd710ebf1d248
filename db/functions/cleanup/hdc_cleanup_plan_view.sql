-- A plan with its items and their state, as cleanup.status returns it.
create or replace function hdc_cleanup_plan_view(p_plan_id uuid) returns jsonb
language sql stable as $$
  select jsonb_build_object('planId', p.id, 'scanId', p.scan_id, 'parentPageId', p.parent_page_id, 'hash', p.hash,
    'status', p.status, 'createdBy', p.created_by, 'createdAt', p.created_at, 'executedBy', p.executed_by,
    'executedAt', p.executed_at, 'restoredBy', p.restored_by, 'restoredAt', p.restored_at,
    'running', case when p.run_token is not null and p.run_until > now()
      then jsonb_build_object('by', p.run_by, 'since', p.run_since, 'until', p.run_until) end,
    'counts', (select jsonb_object_agg(state, n) from (select state, count(*) as n from cleanup_item where plan_id = p.id group by state) c),
    'items', (select jsonb_agg(jsonb_build_object('position', i.position, 'kind', i.kind, 'action', i.action, 'pageId', i.page_id,
      'eventId', i.event_id, 'toPageId', i.to_page_id, 'title', i.title, 'version', i.version, 'depth', i.depth,
      'childIds', to_jsonb(i.child_ids), 'state', i.state, 'reason', i.reason, 'updatedAt', i.updated_at) order by i.position)
      from cleanup_item i where i.plan_id = p.id))
  from cleanup_plan p where p.id = p_plan_id
$$;
