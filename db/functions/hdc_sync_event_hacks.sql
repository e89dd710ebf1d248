-- Syncs the candidate hacks of a locked event (submitted, not yet synced; optionally only p_only) in
-- two set-based statements: mark the valid ones synced and copy them into the library. The library
-- is written only here, together with the mark, so a valid candidate is normally not in it yet and
-- the copy is a plain insert. If one is there already (written outside a sync), the unique key
-- stops the statement, it is undone as a whole, and the copy runs again leaving those out: they are
-- skipped. Invalid hacks (empty title, no owner) become failed items and stay unsynced. The event's
-- submitted hacks are counted once, here.
create or replace function hdc_sync_event_hacks(p_site hdc_site, p_event_id uuid, p_only uuid[], p_now timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_marked integer;
  v_pushed integer;
  v_failed_items jsonb;
  v_submitted integer;
  v_constraint text;
begin
  select coalesce(jsonb_agg(jsonb_build_object('hackId', h.id, 'title', h.title,
           'reason', case when btrim(h.title) = '' then 'empty_title' else 'missing_owner' end)
           order by h.title, h.id), '[]'::jsonb)
  into v_failed_items
  from hack h
  where h.event_id = p_event_id and h.submitted_at is not null and h.synced_to_library_at is null
    and (p_only is null or h.id = any (p_only))
    and (btrim(h.title) = '' or h.owner_account_id is null);

  begin
    with marked as (
      update hack h set synced_to_library_at = p_now
      where h.event_id = p_event_id and h.submitted_at is not null and h.synced_to_library_at is null
        and (p_only is null or h.id = any (p_only))
        and btrim(h.title) <> '' and h.owner_account_id is not null
      returning h.id, h.title, h.owner_account_id
    ), pushed as (
      insert into library_hack (source_hack_id, site_id, event_id, title, owner_account_id, synced_at)
      select m.id, p_site, p_event_id, btrim(m.title), m.owner_account_id, p_now from marked m
      returning 1
    )
    select (select count(*) from marked), (select count(*) from pushed) into v_marked, v_pushed;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'library_hack_pkey' then
      raise;
    end if;
    with marked as (
      update hack h set synced_to_library_at = p_now
      where h.event_id = p_event_id and h.submitted_at is not null and h.synced_to_library_at is null
        and (p_only is null or h.id = any (p_only))
        and btrim(h.title) <> '' and h.owner_account_id is not null
      returning h.id, h.title, h.owner_account_id
    ), pushed as (
      insert into library_hack (source_hack_id, site_id, event_id, title, owner_account_id, synced_at)
      select m.id, p_site, p_event_id, btrim(m.title), m.owner_account_id, p_now from marked m
      where not exists (select 1 from library_hack l where l.source_hack_id = m.id)
      returning 1
    )
    select (select count(*) from marked), (select count(*) from pushed) into v_marked, v_pushed;
  end;

  select count(*) into v_submitted from hack h where h.event_id = p_event_id and h.submitted_at is not null;
  return jsonb_build_object('pushed', v_pushed, 'skipped', v_marked - v_pushed, 'submitted', v_submitted,
    'failedItems', v_failed_items);
end $$;
