-- sync.escalate: the escalation note, allowed only at the decision tree's escalation node. The
-- audit row keeps the note and the event's latest sync telemetry, so whoever picks the escalation
-- up sees the timings and errors behind it. The note allows one more Retry Sync, and stays as the
-- event's latest escalation after it.
create or replace function hdc_escalate_sync(p_site hdc_site, p_event_id uuid, p_actor text, p_note text,
  p_idempotency_key uuid default null)
returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_state event_sync_state;
  v_before jsonb;
  v_evidence jsonb;
  v_reply jsonb;
  v_now timestamptz := now();
begin
  perform hdc_begin_call(p_site);
  v_reply := hdc_claim_idempotency_key(p_site, p_idempotency_key, 'sync.escalate', p_actor, p_event_id::text);
  if v_reply is not null then
    perform hdc_require_event_admin(p_site, p_event_id, p_actor);
    return v_reply;
  end if;
  v_event := hdc_lock_event_for_sync(p_site, p_event_id, p_actor);
  perform hdc_require_sync_stage(v_event, 'escalate');
  select * into v_state from event_sync_state where event_id = p_event_id;
  if not found or not hdc_sync_needs_escalation(v_state) then
    raise exception 'Nothing to escalate: escalation follows 2 failures of the same cause in a row' using errcode = 'HDC04',
      hint = 'Follow the action the decision tree shows for this event.';
  end if;
  if hdc_sync_escalation_armed(v_state) then
    raise exception 'Already escalated: one Retry Sync is allowed now' using errcode = 'HDC04',
      hint = 'Run Retry Sync; if it fails again, record a new escalation note.';
  end if;
  v_before := hdc_sync_audit_snapshot(p_event_id);
  select coalesce(jsonb_agg(jsonb_build_object('recordedAt', t.recorded_at, 'durationMs', t.duration_ms,
      'outcome', t.outcome, 'attributes', t.attributes) order by t.recorded_at desc), '[]'::jsonb)
  into v_evidence
  from (
    select * from telemetry_event
    where site_id = p_site and metric = 'sync_execution' and recorded_at > v_now - interval '30 days'
      and attributes ->> 'eventId' = p_event_id::text
    order by recorded_at desc
    limit 10
  ) as t;
  update event_sync_state
  set escalation_note = btrim(p_note), escalated_by = p_actor, escalated_at = v_now, escalation_used_at = null,
    updated_at = v_now
  where event_id = p_event_id;
  insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after, created_at)
  values (p_site, p_event_id, p_actor, 'sync_escalated', v_before,
    hdc_sync_audit_snapshot(p_event_id) || jsonb_build_object('note', btrim(p_note), 'telemetry', v_evidence), v_now);
  return hdc_keep_idempotent_reply(p_site, p_idempotency_key, hdc_event_sync_view(p_event_id));
end $$;
