-- What an event's audit row records before and after a sync action: lifecycle and sync counters.
create or replace function hdc_sync_audit_snapshot(p_event_id uuid) returns jsonb
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
