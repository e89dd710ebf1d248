-- Syncs the candidate hacks of a locked event (every submitted hack not yet synced) in
-- two set-based statements: mark the valid ones synced and copy them into the library. The library
-- is written only here, together with the mark; a candidate already there (written outside a sync)
-- is skipped by the insert's conflict clause, and counted as marked but not pushed. Invalid hacks
-- (empty title, no owner) become failed items and stay unsynced. The event's submitted hacks are
-- counted once, here.
create or replace function hdc_sync_event_hacks(p_site hdc_site, p_event_id uuid, p_now timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_marked integer;
  v_pushed integer;
  v_failed_items jsonb;
  v_submitted integer;
begin
  select coalesce(jsonb_agg(jsonb_build_object('hackId', h.id, 'title', h.title,
           'reason', case when btrim(h.title) = '' then 'empty_title' else 'missing_owner' end,
           'ownerAccountId', h.owner_account_id, 'pageId', h.confluence_page_id)
           order by h.title, h.id), '[]'::jsonb)
  into v_failed_items
  from hack h
  where h.event_id = p_event_id and h.submitted_at is not null and h.synced_to_library_at is null
    and (btrim(h.title) = '' or h.owner_account_id is null);

  with marked as (
    update hack h set synced_to_library_at = p_now
    where h.event_id = p_event_id and h.submitted_at is not null and h.synced_to_library_at is null
        and btrim(h.title) <> '' and h.owner_account_id is not null
    returning h.id, h.title, h.owner_account_id
  ), pushed as (
    insert into library_hack (source_hack_id, site_id, event_id, title, owner_account_id, synced_at)
    select m.id, p_site, p_event_id, btrim(m.title), m.owner_account_id, p_now from marked m
    on conflict (source_hack_id) do nothing
    returning 1
  )
  select (select count(*) from marked), (select count(*) from pushed) into v_marked, v_pushed;

  select count(*) into v_submitted from hack h where h.event_id = p_event_id and h.submitted_at is not null;
  return jsonb_build_object('pushed', v_pushed, 'skipped', v_marked - v_pushed, 'submitted', v_submitted,
    'failedItems', v_failed_items);
end $$;
