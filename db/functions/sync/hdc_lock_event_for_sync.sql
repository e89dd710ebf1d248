-- Authorize, then lock the event row for a sync action. An event of another site does not exist
-- for this one. NOWAIT: a second concurrent click gets `conflict` at once instead of queueing
-- behind the first and syncing again.
create or replace function hdc_lock_event_for_sync(p_site hdc_site, p_event_id uuid, p_actor text) returns event
language plpgsql as $$
declare
  v_event event;
begin
  perform hdc_require_event_admin(p_site, p_event_id, p_actor);
  begin
    select * into strict v_event from event where id = p_event_id for update nowait;
  exception when lock_not_available then
    raise exception 'A sync for this event is already running' using errcode = 'HDC05',
      hint = 'Wait a few seconds and refresh the sync status; do not start another sync.';
  end;
  if v_event.lifecycle in ('completed', 'archived') then
    raise exception 'The event is % and read-only', v_event.lifecycle using errcode = 'HDC03',
      hint = 'Nothing to do: its hacks were synced when it was completed. See the sync status and audit log.';
  end if;
  return v_event;
end $$;
