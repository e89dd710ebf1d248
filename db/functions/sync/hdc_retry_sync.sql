-- sync.retry: Retry Sync (see hdc_run_sync).
create or replace function hdc_retry_sync(p_site hdc_site, p_event_id uuid, p_actor text,
  p_idempotency_key uuid default null, p_telemetry_id uuid default null, p_telemetry jsonb default '[]'::jsonb)
returns jsonb
language sql as $$
  select hdc_run_sync(p_site, 'retry', p_event_id, p_actor, p_idempotency_key, p_telemetry_id, p_telemetry)
$$;
