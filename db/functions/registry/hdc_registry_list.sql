-- registry.list: events of this site under a parent page, keyset-paginated by (lower(name) in byte
-- order, id), optionally only those whose name contains p_name_contains (case-insensitive, matched
-- with strpos so % and _ are plain characters). `archived` is derived here (completed over 90 days
-- ago); the read path never writes events. A refusal is returned as a value, so the lookup's
-- registry_lookup telemetry row (hdc_call) stays.
create or replace function hdc_registry_list(p_site hdc_site, p_parent_page_id text, p_after_key text, p_after_id uuid,
  p_limit integer, p_now timestamptz, p_name_contains text default null)
returns jsonb
language plpgsql as $$
declare
  v_rows jsonb;
  v_count integer;
  v_reply jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_limit is null or p_limit < 1 or p_limit > 500 then
    v_reply := hdc_error_reply('HDC04', 'limit must be between 1 and 500', 'Ask for at most 500 events per page.');
  else
    select coalesce(jsonb_agg(row_json order by sort_key, id), '[]'::jsonb), count(*)
    into v_rows, v_count
    from (
      select e.id, lower(e.name) collate "C" as sort_key,
        jsonb_build_object(
          'id', e.id,
          'name', e.name,
          'lifecycle', e.lifecycle,
          'archived', e.lifecycle = 'archived'
            or (e.lifecycle = 'completed' and e.completed_at < p_now - interval '90 days'),
          'pageId', e.confluence_page_id,
          'parentPageId', e.confluence_parent_page_id,
          'isNavigable', e.confluence_page_id is not null,
          'completedAt', e.completed_at,
          'syncStatus', coalesce(s.status, 'not_synced'),
          'sortKey', lower(e.name) collate "C") as row_json
      from event e
      left join event_sync_state s on s.event_id = e.id
      where e.site_id = p_site
        and e.confluence_parent_page_id = p_parent_page_id
        and (p_name_contains is null or strpos(lower(e.name), lower(p_name_contains)) > 0)
        and (p_after_id is null
             or (lower(e.name) collate "C", e.id) > (p_after_key collate "C", p_after_id))
      order by lower(e.name) collate "C", e.id
      limit p_limit + 1
    ) as page;
    v_reply := jsonb_build_object(
      'events', case when v_count > p_limit then v_rows - p_limit else v_rows end,
      'hasMore', v_count > p_limit);
  end if;
  return v_reply;
end $$;
