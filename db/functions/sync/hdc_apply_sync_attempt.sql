-- One attempt (Complete + Sync or Retry Sync) on a locked event: sync the hacks, classify the
-- outcome, store the state, complete the event when nothing failed, audit. This is the one place
-- the outcome is classified; test/integration/sync-outcome.test.ts states the expected outcome of
-- every shape of event.
create or replace function hdc_apply_sync_attempt(p_event event, p_actor text, p_action text) returns jsonb
language plpgsql as $$
declare
  v_now timestamptz := now();
  v_prev event_sync_state;
  v_has_prev boolean;
  v_before jsonb;
  v_attempt jsonb;
  v_pushed integer;
  v_skipped integer;
  v_failed_items jsonb;
  v_failed integer;
  v_submitted integer;
  v_ok_total integer;
  v_status text;
  v_category text;
  v_retryable boolean;
  v_guidance text;
  v_last_error text;
  v_consecutive integer;
  v_audit_action text;
begin
  select * into v_prev from event_sync_state where event_id = p_event.id;
  v_has_prev := found;
  v_before := hdc_sync_audit_snapshot(p_event.id);

  v_attempt := hdc_sync_event_hacks(p_event.site_id, p_event.id, v_now);
  v_pushed := (v_attempt ->> 'pushed')::integer;
  v_skipped := (v_attempt ->> 'skipped')::integer;
  v_failed_items := v_attempt -> 'failedItems';
  v_failed := jsonb_array_length(v_failed_items);
  v_submitted := (v_attempt ->> 'submitted')::integer;
  v_ok_total := coalesce(v_prev.pushed_count, 0) + coalesce(v_prev.skipped_count, 0) + v_pushed + v_skipped;

  if v_submitted = 0 then
    v_status := 'failed'; v_category := 'validation'; v_retryable := false;
    v_guidance := 'At least one submitted hack is required. Ask the teams to submit their hacks, then run Complete + Sync again.';
    v_last_error := 'No submitted hacks';
  elsif v_failed = 0 then
    v_status := 'complete'; v_category := 'none'; v_retryable := false;
    v_guidance := 'All submitted hacks are in the library. The event is completed and now read-only.';
    v_last_error := null;
  elsif v_ok_total > 0 then
    v_status := 'partial'; v_category := 'partial_failure'; v_retryable := true;
    v_guidance := 'Some hacks could not be synced (see the failed items). Fix their title or owner, then run Retry Sync: it attempts every submitted hack not yet in the library (the failed ones and any submitted since).';
    v_last_error := format('%s of %s hacks failed validation', v_failed, v_failed + v_pushed + v_skipped);
  else
    v_status := 'failed'; v_category := 'validation'; v_retryable := true;
    v_guidance := 'No hack could be synced (see the failed items). Fix their title or owner, then run Retry Sync: it attempts every submitted hack not yet in the library.';
    v_last_error := format('%s of %s hacks failed validation', v_failed, v_failed + v_pushed + v_skipped);
  end if;

  if v_status = 'complete' then
    v_consecutive := 0;
  elsif v_has_prev and v_prev.status in ('partial', 'failed') and v_prev.error_category = v_category then
    v_consecutive := v_prev.consecutive_failures + 1;
  else
    v_consecutive := 1;
  end if;

  insert into event_sync_state as s (event_id, site_id, status, error_category, retryable, guidance, pushed_count,
    skipped_count, failed_count, failed_items, attempt_count, consecutive_failures, last_attempt_at,
    last_error, updated_at)
  values (p_event.id, p_event.site_id, v_status, v_category, v_retryable, v_guidance,
    coalesce(v_prev.pushed_count, 0) + v_pushed, coalesce(v_prev.skipped_count, 0) + v_skipped, v_failed,
    v_failed_items, 1, v_consecutive, v_now, v_last_error, v_now)
  on conflict (event_id) do update set
    status = excluded.status, error_category = excluded.error_category, retryable = excluded.retryable,
    guidance = excluded.guidance, pushed_count = excluded.pushed_count, skipped_count = excluded.skipped_count,
    failed_count = excluded.failed_count, failed_items = excluded.failed_items,
    attempt_count = s.attempt_count + 1, consecutive_failures = excluded.consecutive_failures,
    last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error, updated_at = excluded.updated_at;

  if v_status = 'complete' then
    update event set lifecycle = 'completed', completed_at = v_now, updated_at = v_now where id = p_event.id;
  end if;

  v_audit_action := case
    when p_action = 'retry' then 'sync_retry'
    when v_status = 'complete' then 'sync_complete'
    when v_status = 'partial' then 'sync_partial'
    else 'sync_failed' end;
  insert into event_audit_log (site_id, event_id, actor_account_id, action, before, after, created_at)
  values (p_event.site_id, p_event.id, p_actor, v_audit_action, v_before, hdc_sync_audit_snapshot(p_event.id), v_now);

  return hdc_event_sync_view(p_event.id, v_submitted) || jsonb_build_object('attempt', jsonb_build_object(
    'action', p_action, 'pushed', v_pushed, 'skipped', v_skipped, 'failed', v_failed));
end $$;
