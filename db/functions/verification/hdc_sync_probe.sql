-- The sampler's sync probe: the real sync path (hdc_apply_sync_attempt) on this site's canonical
-- event, inside a sub-transaction that is always rolled back, so no domain row changes. Returns what
-- the attempt would have done, or a refusal as a value; either way the probe's own sync_execution
-- telemetry row (written by hdc_call, source probe) stays. NOWAIT: a probe never waits behind an admin's sync.
create or replace function hdc_sync_probe(p_site hdc_site, p_event_query text)
returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_outcome jsonb;
  v_reply jsonb;
begin
  perform hdc_begin_call(p_site);
  select * into v_event from event
  where site_id = p_site and starts_with(lower(name), lower(p_event_query))
  order by lower(name) collate "C", id
  limit 1;
  if not found then
    v_reply := hdc_error_reply('HDC01', format('No canonical event matches "%s"', p_event_query),
      'Create the canonical verification event, or set HDC_CANONICAL_EVENT_QUERY to the prefix of its name.');
  else
    begin
      perform 1 from event where id = v_event.id for update nowait;
      v_outcome := hdc_apply_sync_attempt(v_event, 'hdc-sync-probe', 'complete');
      -- Raising is what rolls the sub-transaction back; the outcome rides out in the message.
      raise exception using errcode = 'HDC99',
        message = jsonb_build_object('status', v_outcome #>> '{state,status}', 'attempt', v_outcome -> 'attempt')::text;
    exception
      when sqlstate 'HDC99' then
        v_reply := jsonb_build_object('eventId', v_event.id, 'name', v_event.name) || sqlerrm::jsonb;
      when lock_not_available then
        v_reply := hdc_error_reply('HDC05', 'The canonical event is being synced right now',
          'The probe runs again at the next scheduled run.');
    end;
  end if;
  return v_reply;
end $$;
