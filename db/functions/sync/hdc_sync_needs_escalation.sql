-- The decision tree's "failure run" test: retryable, and at least ESCALATION_THRESHOLD (2, in
-- src/contract/sync-decision-tree.ts) failures of the same category in a row.
-- test/integration/escalation-threshold.test.ts proves the two agree.
create or replace function hdc_sync_needs_escalation(p_state event_sync_state) returns boolean
language sql immutable as $$
  select p_state.status in ('partial', 'failed') and p_state.retryable and p_state.consecutive_failures >= 2
$$;
