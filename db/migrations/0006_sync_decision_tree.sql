-- The sync-outcome decision tree (src/sync/sync-decision-tree.ts) enforced where the data is:
-- each sync function checks, under the event's row lock, that its action is one the tree allows
-- for the event's current state. test/integration/sync-decision-tree.test.ts walks every leaf.
--
-- 1. Escalation. After 2 consecutive failures of the same category Retry Sync is refused
--    (HDC06, `escalation_required`) until an event admin records an escalation note. The note
--    allows one more retry; that retry consumes it.
alter table event_sync_state
  add column escalation_note text check (escalation_note is null or length(btrim(escalation_note)) between 1 and 2000),
  add column escalated_by text,
  add column escalated_at timestamptz,
  add constraint event_sync_state_escalation_complete check (
    (escalation_note is null) = (escalated_by is null) and (escalation_note is null) = (escalated_at is null));

alter table event_audit_log drop constraint event_audit_log_action_check;
alter table event_audit_log add constraint event_audit_log_action_check
  check (action in ('sync_complete', 'sync_partial', 'sync_failed', 'sync_retry', 'sync_escalated'));

create or replace function hdc_event_sync_view(p_event_id uuid, p_submitted_hacks bigint) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'eventId', e.id,
    'name', e.name,
    'pageId', e.confluence_page_id,
    'lifecycle', e.lifecycle,
    'completedAt', e.completed_at,
    'submittedHacks', p_submitted_hacks,
    'state', case when s.event_id is null then null else jsonb_build_object(
      'status', s.status, 'errorCategory', s.error_category, 'retryable', s.retryable,
      'guidance', s.guidance, 'pushedCount', s.pushed_count, 'skippedCount', s.skipped_count,
      'failedCount', s.failed_count, 'failedItems', s.failed_items, 'attemptCount', s.attempt_count,
      'consecutiveFailures', s.consecutive_failures, 'lastAttemptAt', s.last_attempt_at,
      'lastError', s.last_error,
      'escalation', case when s.escalated_at is null then null else jsonb_build_object(
        'note', s.escalation_note, 'accountId', s.escalated_by, 'at', s.escalated_at) end) end)
  from event e left join event_sync_state s on s.event_id = e.id
  where e.id = p_event_id
$$;

-- The tree's "failure run" test: retryable, and at least 2 failures of the same category in a row.
create function hdc_sync_needs_escalation(p_state event_sync_state) returns boolean
language sql immutable as $$
  select p_state.status in ('partial', 'failed') and p_state.retryable and p_state.consecutive_failures >= 2
$$;

-- 2. Complete + Sync: allowed before any sync and after a failure that is not retryable (the
--    root cause was fixed). After a partial or retryable failure the tree says Retry Sync.
create or replace function hdc_complete_and_sync(p_event_id uuid, p_actor text, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_state event_sync_state;
begin
  perform hdc_record_telemetry(p_telemetry);
  v_event := hdc_lock_event_for_sync(p_event_id, p_actor);
  select * into v_state from event_sync_state where event_id = p_event_id;
  if found and v_state.status in ('partial', 'failed') and v_state.retryable then
    raise exception 'Complete + Sync already ran: this event needs Retry Sync' using errcode = 'HDC04',
      hint = case when hdc_sync_needs_escalation(v_state) and v_state.escalated_at is null
                  then 'The same failure happened twice: record an escalation note, then run Retry Sync.'
                  else 'Fix the failed items, then run Retry Sync: it attempts only the hacks that failed.' end;
  end if;
  return hdc_apply_sync_attempt(v_event, p_actor, 'complete', null);
end $$;

-- 3. Retry Sync: after a partial or retryable failure; refused at the escalation node until an
--    escalation note is recorded, which this retry then consumes.
create or replace function hdc_retry_sync(p_event_id uuid, p_actor text, p_telemetry jsonb default '[]'::jsonb)
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
  if not found or not (v_state.status in ('partial', 'failed') and v_state.retryable) then
    raise exception 'Nothing to retry: Retry Sync follows a partial sync or a retryable failed one' using errcode = 'HDC04',
      hint = case when not found then 'Run Complete + Sync first.'
                  else 'This failure is not retryable: follow the guidance in the sync status, then run Complete + Sync.' end;
  end if;
  if hdc_sync_needs_escalation(v_state) and v_state.escalated_at is null then
    raise exception 'Escalation required: this sync failed % times in a row with the same cause', v_state.consecutive_failures
      using errcode = 'HDC06',
      hint = 'Record an escalation note (what you checked, who you told) with Escalate; then one more Retry Sync is allowed.';
  end if;
  if v_state.escalated_at is not null then
    update event_sync_state set escalation_note = null, escalated_by = null, escalated_at = null
    where event_id = p_event_id;
  end if;
  select coalesce(array_agg((item ->> 'hackId')::uuid), '{}'::uuid[]) into v_failed_ids
  from jsonb_array_elements(v_state.failed_items) as item;
  return hdc_apply_sync_attempt(v_event, p_actor, 'retry', v_failed_ids);
end $$;

-- 4. Escalate: only at the escalation node. The audit row keeps the note and the event's latest
--    sync telemetry, so whoever picks up the escalation sees the timings and errors behind it.
create function hdc_escalate_sync(p_event_id uuid, p_actor text, p_note text, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_event event;
  v_state event_sync_state;
  v_before jsonb;
  v_evidence jsonb;
  v_now timestamptz := now();
begin
  perform hdc_record_telemetry(p_telemetry);
  v_event := hdc_lock_event_for_sync(p_event_id, p_actor);
  select * into v_state from event_sync_state where event_id = p_event_id;
  if not found or not hdc_sync_needs_escalation(v_state) then
    raise exception 'Nothing to escalate: escalation follows 2 failures of the same cause in a row' using errcode = 'HDC04',
      hint = 'Follow the action the decision tree shows for this event.';
  end if;
  if v_state.escalated_at is not null then
    raise exception 'Already escalated: one Retry Sync is allowed now' using errcode = 'HDC04',
      hint = 'Run Retry Sync; if it fails again, record a new escalation note.';
  end if;
  v_before := hdc_sync_audit_snapshot(p_event_id);
  select coalesce(jsonb_agg(jsonb_build_object('recordedAt', t.recorded_at, 'durationMs', t.duration_ms,
      'outcome', t.outcome, 'attributes', t.attributes) order by t.recorded_at desc), '[]'::jsonb)
  into v_evidence
  from (
    select * from telemetry_event
    where metric = 'sync_execution' and recorded_at > v_now - interval '30 days'
      and attributes ->> 'eventId' = p_event_id::text
    order by recorded_at desc
    limit 10
  ) as t;
  update event_sync_state
  set escalation_note = btrim(p_note), escalated_by = p_actor, escalated_at = v_now, updated_at = v_now
  where event_id = p_event_id;
  insert into event_audit_log (event_id, actor_account_id, action, before, after, created_at)
  values (p_event_id, p_actor, 'sync_escalated', v_before,
    hdc_sync_audit_snapshot(p_event_id) || jsonb_build_object('note', btrim(p_note), 'telemetry', v_evidence), v_now);
  return hdc_event_sync_view(p_event_id);
end $$;

-- 5. Status with the viewer's role on the event, so the panel can mirror the backend's checks.
drop function hdc_sync_status(uuid, text, jsonb);
create function hdc_sync_status(p_event_id uuid, p_page_id text, p_actor text default null,
  p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_event_id uuid;
begin
  perform hdc_record_telemetry(p_telemetry);
  if p_event_id is not null then
    select id into v_event_id from event where id = p_event_id;
  else
    select id into v_event_id from event where confluence_page_id = p_page_id;
  end if;
  if v_event_id is null then
    raise exception 'No event found for this %', case when p_event_id is null then 'page' else 'id' end
      using errcode = 'HDC01', hint = 'Check that this page is an HDC event page (a child of the HDC parent page).';
  end if;
  return hdc_event_sync_view(v_event_id) || jsonb_build_object('viewerRole',
    (select role from event_admin where event_id = v_event_id and account_id = p_actor));
end $$;

-- 6. Registry search by name (the registry macro's search box): a case-insensitive substring,
--    matched with strpos so % and _ in a search are plain characters. Same keyset paging.
drop function hdc_registry_list(text, text, uuid, integer, timestamptz, jsonb);
create function hdc_registry_list(p_parent_page_id text, p_after_key text, p_after_id uuid, p_limit integer,
  p_now timestamptz, p_name_contains text default null, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language plpgsql as $$
declare
  v_rows jsonb;
  v_count integer;
begin
  perform hdc_record_telemetry(p_telemetry);
  if p_limit is null or p_limit < 1 or p_limit > 500 then
    raise exception 'limit must be between 1 and 500' using errcode = 'HDC04', hint = 'Ask for at most 500 events per page.';
  end if;
  select coalesce(jsonb_agg(row_json order by sort_key, id), '[]'::jsonb), count(*)
  into v_rows, v_count
  from (
    select e.id, lower(e.name) collate "C" as sort_key,
      jsonb_build_object(
        'id', e.id,
        'name', e.name,
        'lifecycle', e.lifecycle,
        'archived', e.lifecycle = 'archived'
          or (e.lifecycle = 'completed' and e.completed_at < p_now - interval '90 days'),
        'pageId', e.confluence_page_id,
        'parentPageId', e.confluence_parent_page_id,
        'isNavigable', e.confluence_page_id is not null,
        'completedAt', e.completed_at,
        'syncStatus', coalesce(s.status, 'not_synced'),
        'sortKey', lower(e.name) collate "C") as row_json
    from event e
    left join event_sync_state s on s.event_id = e.id
    where e.confluence_parent_page_id = p_parent_page_id
      and (p_name_contains is null or strpos(lower(e.name), lower(p_name_contains)) > 0)
      and (p_after_id is null
           or (lower(e.name) collate "C", e.id) > (p_after_key collate "C", p_after_id))
    order by lower(e.name) collate "C", e.id
    limit p_limit + 1
  ) as page;
  return jsonb_build_object(
    'events', case when v_count > p_limit then v_rows - p_limit else v_rows end,
    'hasMore', v_count > p_limit);
end $$;

select hdc_lock_down_functions();
