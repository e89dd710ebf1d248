-- sync.status: an event of this site by id or by its page, with the viewer's role on it, so the
-- panel can mirror the backend's permission checks, and the event's admins (primary first), whom a
-- viewer who is not one can ask.
create or replace function hdc_sync_status(p_site hdc_site, p_event_id uuid, p_page_id text, p_actor text default null)
returns jsonb
language plpgsql as $$
declare
  v_event_id uuid;
  v_count integer;
  v_names text;
begin
  perform hdc_begin_call(p_site);
  if p_event_id is not null then
    select id into v_event_id from event where site_id = p_site and id = p_event_id;
  else
    select count(*), string_agg('“' || name || '”', ' and ' order by name) into v_count, v_names
    from event where site_id = p_site and confluence_page_id = p_page_id;
    if v_count > 1 then
      -- A data conflict (HDC09), not an outage: trying again cannot help until an operator resolves it.
      raise exception 'This page belongs to % events: %. Which one it shows cannot be told.', v_count, v_names using errcode = 'HDC09',
        hint = 'An HDC operator resolves it in the orphan-page cleanup, under Duplicate references: relink or clear one event''s page.';
    end if;
    select id into v_event_id from event where site_id = p_site and confluence_page_id = p_page_id;
  end if;
  if v_event_id is null then
    raise exception 'No event found for this %', case when p_event_id is null then 'page' else 'id' end
      using errcode = 'HDC01', hint = 'Check that this page is an HDC event page (a child of the HDC parent page).';
  end if;
  return hdc_event_sync_view(v_event_id) || jsonb_build_object(
    'viewerRole', (select role from event_admin where event_id = v_event_id and account_id = p_actor),
    'admins', (select coalesce(jsonb_agg(jsonb_build_object('accountId', account_id, 'role', role)
                 order by role = 'primary' desc, account_id), '[]'::jsonb)
               from event_admin where event_id = v_event_id));
end $$;
