-- A scan as the macro, the CLI and the weekly report read it.
create or replace function hdc_cleanup_scan_view(p_scan_id bigint) returns jsonb
language sql stable as $$
  select jsonb_build_object('scanId', s.id, 'parentPageId', s.parent_page_id, 'status', s.status, 'trigger', s.trigger,
    'startedBy', s.started_by, 'startedAt', s.started_at, 'finishedAt', s.finished_at, 'requests', s.requests,
    'pagesSeen', (select count(*) from cleanup_scan_page p where p.scan_id = s.id and p.seen_as = 'descendant'),
    'cursor', s.cursor) || coalesce(s.result, '{}'::jsonb)
  from cleanup_scan s where s.id = p_scan_id
$$;
