-- audit.list: the latest audit rows of an event of this site, newest first (equal timestamps
-- ordered by id). Event admins only.
create or replace function hdc_audit_list(p_site hdc_site, p_event_id uuid, p_actor text, p_limit integer default 100)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  if not exists (select 1 from event where site_id = p_site and id = p_event_id) then
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
