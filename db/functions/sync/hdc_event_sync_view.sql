-- An event with its sync state, as sync.status and the sync actions return it (EventSyncView in
-- src/contract/results.ts). The sync passes the submitted-hack count it already has; other callers
-- leave it null and it is counted here.
create or replace function hdc_event_sync_view(p_event_id uuid, p_submitted_hacks bigint default null) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'eventId', e.id,
    'name', e.name,
    'pageId', e.confluence_page_id,
    'lifecycle', e.lifecycle,
    'completedAt', e.completed_at,
    'submittedHacks', coalesce(p_submitted_hacks,
      (select count(*) from hack h where h.event_id = e.id and h.submitted_at is not null)),
    'state', case when s.event_id is null then null else jsonb_build_object(
      'status', s.status, 'errorCategory', s.error_category, 'retryable', s.retryable,
      'guidance', s.guidance, 'pushedCount', s.pushed_count, 'skippedCount', s.skipped_count,
      'failedCount', s.failed_count, 'failedItems', s.failed_items, 'attemptCount', s.attempt_count,
      'consecutiveFailures', s.consecutive_failures, 'lastAttemptAt', s.last_attempt_at,
      'lastError', s.last_error,
      'escalation', case when s.escalated_at is null then null else jsonb_build_object(
        'note', s.escalation_note, 'accountId', s.escalated_by, 'at', s.escalated_at,
        'usedAt', s.escalation_used_at) end) end)
  from event e left join event_sync_state s on s.event_id = e.id
  where e.id = p_event_id
$$;
