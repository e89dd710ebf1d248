-- Sync follows the event's lifecycle, escalations leave a trace, refusals are not outages.
--
-- 1. Telemetry: a call the service refused on purpose (forbidden, read-only, validation, conflict,
--    escalation required, not ready) is recorded as 'rejected', not 'error', so the error-rate
--    rules measure the service and not its users. Existing refusals are reclassified, and their
--    hours marked so that the next fold recomputes their rollups.
alter table telemetry_event drop constraint telemetry_event_outcome_check;
alter table telemetry_event add constraint telemetry_event_outcome_check check (outcome in ('success', 'error', 'rejected'));

with refused as (
  update telemetry_event set outcome = 'rejected'
  where outcome = 'error'
    and (attributes ->> 'sqlState' in ('HDC02', 'HDC03', 'HDC04', 'HDC05', 'HDC06', 'HDC07')
      or attributes ->> 'errorCode' in ('forbidden', 'read_only', 'validation', 'conflict', 'escalation_required', 'not_ready'))
  returning site_id, recorded_at
)
insert into telemetry_fold_mark (site_id, hour_start)
select distinct site_id, date_bin('1 hour', recorded_at, timestamptz 'epoch') from refused;

-- In the rollups, errors and rejections become disjoint (a rejection used to be an error with a
-- SQLSTATE); forbidden is a share of the rejections. Bins whose raw rows are kept are recomputed
-- by the next fold (marked above); the older ones are moved here by the same rule.
alter table telemetry_bin drop constraint telemetry_bin_check1; -- rejections between 0 and errors, named by Postgres
alter table telemetry_bin drop constraint telemetry_bin_forbidden_check;
update telemetry_bin set rejections = greatest(rejections, forbidden), errors = errors - greatest(rejections, forbidden);
alter table telemetry_bin add constraint telemetry_bin_rejections_check check (rejections >= 0 and errors + rejections <= calls);
alter table telemetry_bin add constraint telemetry_bin_forbidden_check check (forbidden between 0 and rejections);

-- 2. Escalation: the latest note stays with the event after the retry it allowed. The note
--    allows one more Retry Sync while escalation_used_at is null; that retry sets it.
alter table event_sync_state add column escalation_used_at timestamptz;
alter table event_sync_state add constraint event_sync_state_escalation_used check (
  escalation_used_at is null or escalated_at is not null);

-- 3. A hack may have its own Confluence page: a failed item links to it.
alter table hack add column confluence_page_id text check (confluence_page_id is null or confluence_page_id ~ '^[0-9]{1,20}$');

-- 4. Ending an event early (Complete + Sync during hacking or voting) is audited on its own.
alter table event_audit_log drop constraint event_audit_log_action_check;
alter table event_audit_log add constraint event_audit_log_action_check check (action in
  ('sync_complete', 'sync_partial', 'sync_failed', 'sync_retry', 'sync_escalated', 'sync_ended_early',
   'page_relinked', 'page_reference_cleared', 'page_reference_restored'));

-- 5. Signatures that change: Complete + Sync takes the early-completion flag; Retry Sync attempts
--    every submitted hack not yet in the library, so the attempt no longer takes a subset.
drop function if exists hdc_complete_and_sync(hdc_site, uuid, text, uuid, uuid, jsonb);
drop function if exists hdc_run_sync(hdc_site, text, uuid, text, uuid, uuid, jsonb);
drop function if exists hdc_apply_sync_attempt(event, text, text, uuid[]);
drop function if exists hdc_sync_event_hacks(hdc_site, uuid, uuid[], timestamptz);
