-- The event exists on this site and the actor is its primary admin or a co-admin: checked before
-- a sync action runs, and before an earlier reply is returned again for an idempotency key.
create or replace function hdc_require_event_admin(p_site hdc_site, p_event_id uuid, p_actor text) returns void
language plpgsql as $$
begin
  if not exists (select 1 from event where id = p_event_id and site_id = p_site) then
    raise exception 'Event not found' using errcode = 'HDC01',
      hint = 'Check the event id, or open the event page again: the event may have been removed.';
  end if;
  if not exists (select 1 from event_admin where event_id = p_event_id and account_id = p_actor) then
    raise exception 'Only the event''s primary admin or a co-admin can run sync' using errcode = 'HDC02',
      hint = 'Ask the event''s primary admin to run it, or to add you as a co-admin.';
  end if;
end $$;
