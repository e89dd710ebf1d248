-- Whether the event's latest escalation note still allows its one more Retry Sync (the note stays
-- after that retry, as the escalation's record, with escalation_used_at set).
create or replace function hdc_sync_escalation_armed(p_state event_sync_state) returns boolean
language sql immutable as $$
  select p_state.escalated_at is not null and p_state.escalation_used_at is null
$$;
