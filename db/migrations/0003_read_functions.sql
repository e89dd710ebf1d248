-- Reads: registry lookup, sync status, audit list. Each one round trip, carrying pending telemetry.

-- Events under a parent page, keyset-paginated by (lower(name) in byte order, id).
-- `archived` is derived here (completed over 90 days ago); the read path never writes events.
create function hdc_registry_list(p_parent_page_id text, p_after_key text, p_after_id uuid, p_limit integer,
  p_now timestamptz, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_rows jsonb;
  v_count integer;
begin
  perform hdc_record_telemetry(p_telemetry);
  if p_limit is null or p_limit < 1 or p_limit > 500 then
    raise exception 'limit must be between 1 and 500' using errcode = 'HDC04', hint = 'Ask for at most 500 events per page.';
  end if;
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
    where e.confluence_parent_page_id = p_parent_page_id
      and (p_after_id is null
           or (lower(e.name) collate "C", e.id) > (p_after_key collate "C", p_after_id))
    order by lower(e.name) collate "C", e.id
    limit p_limit + 1
  ) as page;
  return jsonb_build_object(
    'events', case when v_count > p_limit then v_rows - p_limit else v_rows end,
    'hasMore', v_count > p_limit);
end $$;

create function hdc_sync_status(p_event_id uuid, p_page_id text, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_event_id uuid;
begin
  perform hdc_record_telemetry(p_telemetry);
  if p_event_id is not null then
    select id into v_event_id from event where id = p_event_id;
  else
    select id into v_event_id from event where confluence_page_id = p_page_id;
  end if;
  if v_event_id is null then
    raise exception 'No event found for this %', case when p_event_id is null then 'page' else 'id' end
      using errcode = 'HDC01', hint = 'Check that this page is an HDC event page (a child of the HDC parent page).';
  end if;
  return hdc_event_sync_view(v_event_id);
end $$;

-- Latest audit rows of an event, newest first; equal timestamps ordered by id. Event admins only.
create function hdc_audit_list(p_event_id uuid, p_actor text, p_limit integer default 100,
  p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
begin
  perform hdc_record_telemetry(p_telemetry);
  if not exists (select 1 from event where id = p_event_id) then
    raise exception 'Event not found' using errcode = 'HDC01', hint = 'Check the event id.';
  end if;
  if not exists (select 1 from event_admin where event_id = p_event_id and account_id = p_actor) then
    raise exception 'Only the event''s admins can read its audit log' using errcode = 'HDC02',
      hint = 'Ask the event''s primary admin.';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', a.id, 'eventId', a.event_id, 'actorAccountId', a.actor_account_id, 'action', a.action,
      'before', a.before, 'after', a.after, 'createdAt', a.created_at) order by a.created_at desc, a.id desc)
    from (
      select * from event_audit_log
      where event_id = p_event_id
      order by created_at desc, id desc
      limit least(greatest(coalesce(p_limit, 100), 1), 100)
    ) as a), '[]'::jsonb);
end $$;

-- Readiness: the database answers and the schema is migrated (the latest applied version).
create function hdc_health(p_telemetry jsonb default '[]'::jsonb) returns jsonb
language plpgsql as $$
begin
  perform hdc_record_telemetry(p_telemetry);
  return jsonb_build_object(
    'database', 'ok',
    'schemaVersion', (select max(version) from hdc_schema_migration),
    'checkedAt', now());
end $$;
