-- sync.complete: Complete + Sync (see hdc_run_sync). p_end_early confirms ending an event that is
-- still in hacking or voting.
create or replace function hdc_complete_and_sync(p_site hdc_site, p_event_id uuid, p_actor text,
  p_idempotency_key uuid default null, p_telemetry_id uuid default null, p_telemetry jsonb default '[]'::jsonb,
  p_end_early boolean default false)
returns jsonb
language sql as $$
  select hdc_run_sync(p_site, case when p_end_early then 'end_early' else 'complete' end, p_event_id, p_actor,
    p_idempotency_key, p_telemetry_id, p_telemetry)
$$;
