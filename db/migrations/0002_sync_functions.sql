-- Complete + Sync and Retry Sync: each ONE transaction in ONE round trip.
-- Typed failures use HDC SQLSTATEs, mapped to AppError codes by the store adapters:
--   HDC01 not_found · HDC02 forbidden · HDC03 read_only · HDC04 validation · HDC05 conflict

-- Telemetry rides along with the next store call (see src/telemetry/telemetry-outbox.ts).
-- A bad batch is dropped with a warning: telemetry never fails the user's operation.
create function hdc_record_telemetry(p_telemetry jsonb) returns integer
language plpgsql as $$
declare
  v_inserted integer := 0;
begin
  if p_telemetry is null or jsonb_typeof(p_telemetry) <> 'array' or jsonb_array_length(p_telemetry) = 0 then
    return 0;
  end if;
  begin
    insert into telemetry_event (id, metric, source, outcome, duration_ms, attributes, recorded_at)
    select (t ->> 'id')::uuid, t ->> 'metric', coalesce(t ->> 'source', 'organic'), t ->> 'outcome',
           (t ->> 'durationMs')::double precision, coalesce(t -> 'attributes', '{}'::jsonb),
           (t ->> 'recordedAt')::timestamptz
    from jsonb_array_elements(p_telemetry) as t
    on conflict (id) do nothing;
    get diagnostics v_inserted = row_count;
  exception when others then
    raise warning 'hdc telemetry batch dropped (%): %', sqlstate, sqlerrm;
  end;
  return v_inserted;
end $$;

create function hdc_sync_audit_snapshot(p_event_id uuid) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'lifecycle', e.lifecycle,
    'completedAt', e.completed_at,
    'sync', case when s.event_id is null then null else jsonb_build_object(
      'status', s.status, 'errorCategory', s.error_category, 'retryable', s.retryable,
      'pushedCount', s.pushed_count, 'skippedCount', s.skipped_count, 'failedCount', s.failed_count,
      'attemptCount', s.attempt_count, 'consecutiveFailures', s.consecutive_failures) end)
  from event e left join event_sync_state s on s.event_id = e.id
  where e.id = p_event_id
$$;

create function hdc_event_sync_view(p_event_id uuid) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'eventId', e.id,
    'name', e.name,
    'pageId', e.confluence_page_id,
    'lifecycle', e.lifecycle,
    'completedAt', e.completed_at,
    'submittedHacks', (select count(*) from hack h where h.event_id = e.id and h.submitted_at is not null),
    'state', case when s.event_id is null then null else jsonb_build_object(
      'status', s.status, 'errorCategory', s.error_category, 'retryable', s.retryable,
      'guidance', s.guidance, 'pushedCount', s.pushed_count, 'skippedCount', s.skipped_count,
      'failedCount', s.failed_count, 'failedItems', s.failed_items, 'attemptCount', s.attempt_count,
      'consecutiveFailures', s.consecutive_failures, 'lastAttemptAt', s.last_attempt_at,
      'lastError', s.last_error) end)
  from event e left join event_sync_state s on s.event_id = e.id
  where e.id = p_event_id
$$;

-- Authorize, then lock the event row. NOWAIT: a second concurrent click gets `conflict` at once
-- instead of queueing behind the first and syncing again.
create function hdc_lock_event_for_sync(p_event_id uuid, p_actor text) returns event
language plpgsql as $$
declare
  v_event event;
begin
  if not exists (select 1 from event where id = p_event_id) then
    raise exception 'Event not found' using errcode = 'HDC01',
      hint = 'Check the event id, or open the event page again: the event may have been removed.';
  end if;
  if not exists (select 1 from event_admin where event_id = p_event_id and account_id = p_actor) then
    raise exception 'Only the event''s primary admin or a co-admin can run sync' using errcode = 'HDC02',
      hint = 'Ask the event''s primary admin to run it, or to add you as a co-admin.';
  end if;
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

-- Copy the candidate hacks (submitted, not yet synced; optionally only p_only) to the library,
-- set-based. In the library already: skipped. Invalid: a failed item with its reason.
create function hdc_sync_event_hacks(p_event_id uuid, p_only uuid[], p_now timestamptz) returns jsonb
language sql as $$
  with candidate as (
    select h.id, h.title, h.owner_account_id,
           (l.source_hack_id is not null) as in_library,
           case when btrim(h.title) = '' then 'empty_title'
                when h.owner_account_id is null then 'missing_owner' end as failure
    from hack h
    left join library_hack l on l.source_hack_id = h.id
    where h.event_id = p_event_id
      and h.submitted_at is not null
      and h.synced_to_library_at is null
      and (p_only is null or h.id = any (p_only))
  ),
  inserted as (
    insert into library_hack (source_hack_id, event_id, title, owner_account_id, synced_at)
    select c.id, p_event_id, btrim(c.title), c.owner_account_id, p_now
    from candidate c
    where not c.in_library and c.failure is null
    returning 1
  ),
  marked as (
    update hack h set synced_to_library_at = p_now
    from candidate c
    where h.id = c.id and (c.in_library or c.failure is null)
    returning 1
  )
  select jsonb_build_object(
    'pushed', (select count(*) from inserted),
    'marked', (select count(*) from marked),
    'skipped', (select count(*) from candidate where in_library),
    'failedItems', coalesce((
      select jsonb_agg(jsonb_build_object('hackId', c.id, 'title', c.title, 'reason', c.failure)
                       order by c.title, c.id)
      from candidate c where not c.in_library and c.failure is not null), '[]'::jsonb))
$$;

-- One attempt (Complete + Sync or Retry Sync) on a locked event: sync the hacks, classify,
-- store the state, complete the event when nothing failed, audit. Classification mirrors
-- classifySyncOutcome (src/sync/sync-outcome.ts); an integration test keeps the two in agreement.
create function hdc_apply_sync_attempt(p_event event, p_actor text, p_action text, p_only uuid[]) returns jsonb
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

  v_attempt := hdc_sync_event_hacks(p_event.id, p_only, v_now);
  v_pushed := (v_attempt ->> 'pushed')::integer;
  v_skipped := (v_attempt ->> 'skipped')::integer;
  v_failed_items := v_attempt -> 'failedItems';
  v_failed := jsonb_array_length(v_failed_items);
  select count(*) into v_submitted from hack where event_id = p_event.id and submitted_at is not null;
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
    v_guidance := 'Some hacks could not be synced (see the failed items). Fix their title or owner, then run Retry Sync: only the failed hacks are attempted again.';
    v_last_error := format('%s of %s hacks failed validation', v_failed, v_failed + v_pushed + v_skipped);
  else
    v_status := 'failed'; v_category := 'validation'; v_retryable := true;
    v_guidance := 'No hack could be synced (see the failed items). Fix their title or owner, then run Retry Sync.';
    v_last_error := format('%s of %s hacks failed validation', v_failed, v_failed + v_pushed + v_skipped);
  end if;

  if v_status = 'complete' then
    v_consecutive := 0;
  elsif v_has_prev and v_prev.status in ('partial', 'failed') and v_prev.error_category = v_category then
    v_consecutive := v_prev.consecutive_failures + 1;
  else
    v_consecutive := 1;
  end if;

  insert into event_sync_state as s (event_id, status, error_category, retryable, guidance, pushed_count,
    skipped_count, failed_count, failed_items, attempt_count, consecutive_failures, last_attempt_at,
    last_error, updated_at)
  values (p_event.id, v_status, v_category, v_retryable, v_guidance, coalesce(v_prev.pushed_count, 0) + v_pushed,
    coalesce(v_prev.skipped_count, 0) + v_skipped, v_failed, v_failed_items, 1, v_consecutive, v_now,
    v_last_error, v_now)
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
  insert into event_audit_log (event_id, actor_account_id, action, before, after, created_at)
  values (p_event.id, p_actor, v_audit_action, v_before, hdc_sync_audit_snapshot(p_event.id), v_now);

  return hdc_event_sync_view(p_event.id) || jsonb_build_object('attempt', jsonb_build_object(
    'action', p_action, 'pushed', v_pushed, 'skipped', v_skipped, 'failed', v_failed));
end $$;

create function hdc_complete_and_sync(p_event_id uuid, p_actor text, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_event event;
begin
  perform hdc_record_telemetry(p_telemetry);
  v_event := hdc_lock_event_for_sync(p_event_id, p_actor);
  return hdc_apply_sync_attempt(v_event, p_actor, 'complete', null);
end $$;

create function hdc_retry_sync(p_event_id uuid, p_actor text, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_state event_sync_state;
  v_failed_ids uuid[];
begin
  perform hdc_record_telemetry(p_telemetry);
  v_event := hdc_lock_event_for_sync(p_event_id, p_actor);
  select * into v_state from event_sync_state where event_id = p_event_id;
  if not found or not (v_state.status = 'partial' or (v_state.status = 'failed' and v_state.retryable)) then
    raise exception 'Nothing to retry: Retry Sync follows a partial sync or a retryable failed one' using errcode = 'HDC04',
      hint = case when not found then 'Run Complete + Sync first.'
                  else 'This failure is not retryable: follow the guidance in the sync status, then run Complete + Sync.' end;
  end if;
  select coalesce(array_agg((item ->> 'hackId')::uuid), '{}'::uuid[]) into v_failed_ids
  from jsonb_array_elements(v_state.failed_items) as item;
  return hdc_apply_sync_attempt(v_event, p_actor, 'retry', v_failed_ids);
end $$;
