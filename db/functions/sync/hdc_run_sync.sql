-- sync.complete and sync.retry: Complete + Sync (p_action 'complete'; 'end_early' during hacking or
-- voting) or Retry Sync ('retry'): ONE transaction, ONE round trip. Under the event's row lock it checks that the
-- decision tree (src/contract/sync-decision-tree.ts) allows the action in the event's lifecycle and
-- state, runs the attempt, and keeps the reply under the idempotency key.
-- test/integration/sync-decision-tree.test.ts walks every leaf against this.
--   complete:  in results, before any sync, and after a failure that is not retryable (its root
--              cause fixed); after a partial or retryable failure the tree says Retry Sync.
--   end_early: in hacking or voting: the event moves to results (audited as sync_ended_early), then
--              Complete + Sync runs.
--   retry:     after a partial or retryable failure; refused at the escalation node (HDC06) until
--              an escalation note is recorded, which this retry then uses. It attempts every
--              submitted hack not yet in the library: the failed ones and any submitted since.
-- A refusal is returned as a value (hdc_error_reply), not raised, so the call's telemetry row (hdc_call) stays.
create or replace function hdc_run_sync(p_site hdc_site, p_action text, p_event_id uuid, p_actor text,
  p_idempotency_key uuid default null)
returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_state event_sync_state;
  v_has_state boolean;
  v_reply jsonb;
  v_code text;
  v_message text;
  v_hint text;
begin
  perform hdc_begin_call(p_site);
  begin
    v_reply := hdc_claim_idempotency_key(p_site, p_idempotency_key, 'sync.' || p_action, p_actor, p_event_id::text);
    if v_reply is not null then
      -- The first reply again, to who may still see it.
      perform hdc_require_event_admin(p_site, p_event_id, p_actor);
    else
      v_event := hdc_lock_event_for_sync(p_site, p_event_id, p_actor);
      perform hdc_require_sync_stage(v_event, p_action);
      select * into v_state from event_sync_state where event_id = p_event_id;
      v_has_state := found;
      if p_action = 'end_early' then
        update event set lifecycle = 'results', updated_at = now() where id = p_event_id;
        insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after)
        values (p_site, p_event_id, p_actor, 'sync_ended_early',
          jsonb_build_object('lifecycle', v_event.lifecycle), jsonb_build_object('lifecycle', 'results'));
        v_event.lifecycle := 'results';
      end if;
      if p_action in ('complete', 'end_early') then
        if v_has_state and v_state.status in ('partial', 'failed') and v_state.retryable then
          raise exception 'Complete + Sync already ran: this event needs Retry Sync' using errcode = 'HDC04',
            hint = case when hdc_sync_needs_escalation(v_state) and not hdc_sync_escalation_armed(v_state)
                        then 'The same failure happened twice: record an escalation note, then run Retry Sync.'
                        else 'Fix the failed items, then run Retry Sync: it attempts every submitted hack not yet in the library.' end;
        end if;
      else
        if not v_has_state or not (v_state.status in ('partial', 'failed') and v_state.retryable) then
          raise exception 'Nothing to retry: Retry Sync follows a partial sync or a retryable failed one' using errcode = 'HDC04',
            hint = case when not v_has_state then 'Run Complete + Sync first.'
                        else 'This failure is not retryable: follow the guidance in the sync status, then run Complete + Sync.' end;
        end if;
        if hdc_sync_needs_escalation(v_state) and not hdc_sync_escalation_armed(v_state) then
          raise exception 'Escalation required: this sync failed % times in a row with the same cause', v_state.consecutive_failures
            using errcode = 'HDC06',
            hint = 'Record an escalation note (what you checked, who you told) with Escalate; then one more Retry Sync is allowed.';
        end if;
        if hdc_sync_escalation_armed(v_state) then
          update event_sync_state set escalation_used_at = now() where event_id = p_event_id;
        end if;
      end if;
      v_reply := hdc_keep_idempotent_reply(p_site, p_idempotency_key,
        hdc_apply_sync_attempt(v_event, p_actor, p_action));
    end if;
  exception when others then
    get stacked diagnostics v_code = returned_sqlstate, v_message = message_text, v_hint = pg_exception_hint;
    v_reply := hdc_error_reply(v_code, v_message, v_hint);
  end;
  return v_reply;
end $$;
