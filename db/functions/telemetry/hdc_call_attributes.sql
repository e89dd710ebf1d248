-- What a measured call's reply adds to its telemetry row, per metric: a sync attempt (Complete +
-- Sync, Retry Sync, the sampler's probe) its rows and resulting state, a registry lookup its rows.
create or replace function hdc_call_attributes(p_metric text, p_reply jsonb) returns jsonb
language sql immutable as $$
  select case p_metric
    when 'sync_execution' then jsonb_strip_nulls(jsonb_build_object(
      'eventId', p_reply ->> 'eventId',
      'rowCount', (p_reply #>> '{attempt,pushed}')::int + (p_reply #>> '{attempt,skipped}')::int
        + (p_reply #>> '{attempt,failed}')::int,
      'syncStatus', p_reply #>> '{state,status}', 'errorCategory', p_reply #>> '{state,errorCategory}',
      'retryable', (p_reply #>> '{state,retryable}')::boolean))
    when 'registry_lookup' then jsonb_strip_nulls(jsonb_build_object('rowCount', jsonb_array_length(p_reply -> 'events')))
    else '{}'::jsonb end
$$;
