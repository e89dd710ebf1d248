-- Recovery you can trust.
--
-- 1. A restore or rollback holds its site: while a hold is live, every call of the site but the
--    holder's is refused as transient (HDC08, "try again in a minute"). Taking the hold waits for the
--    site's calls in flight to end (they share a per-site advisory lock the taker needs exclusively),
--    so the pre-restore backup, taken inside the hold, holds every write acknowledged before it. The
--    hold is a lease: each of the holder's calls extends it, and a holder that died lets go on its own.
create table ops_site_hold (
  site_id hdc_site primary key,
  token uuid not null,
  kind text not null check (kind in ('restore', 'rollback')),
  held_by text not null check (length(held_by) between 1 and 200),
  since timestamptz not null,
  until timestamptz not null check (until > since)
);
alter table ops_site_hold enable row level security;

-- 2. Staging that nobody finishes (a killed backup or restore) is found by its last touch, not its
--    age: each page extends it, and the next backup, restore or prune removes what is stale.
alter table ops_transfer add column touched_at timestamptz not null default now();
create index ops_transfer_touched_idx on ops_transfer (site_id, touched_at);

alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_check check (action in
  ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned',
   'telemetry_folded', 'telemetry_rollups_pruned',
   'cleanup_scanned', 'cleanup_planned', 'cleanup_item_executed', 'cleanup_item_restored',
   'backup_taken', 'restore_applied', 'drill_recorded', 'ops_summary_read',
   'cleanup_job_started', 'cleanup_job_cancelled', 'site_held', 'site_released', 'staging_removed'));

-- 3. The calls a restore makes inside its hold carry the hold's token (their signatures change).
drop function if exists hdc_begin_call(hdc_site, jsonb);
drop function if exists hdc_backup_start(hdc_site, text, boolean, jsonb);
drop function if exists hdc_transfer_page(hdc_site, uuid, bigint, integer, jsonb);
drop function if exists hdc_backup_finish(hdc_site, uuid, text, jsonb, jsonb);
drop function if exists hdc_transfer_discard(hdc_site, uuid, jsonb);
drop function if exists hdc_restore_begin(hdc_site, text, jsonb, jsonb);
drop function if exists hdc_restore_stage(hdc_site, uuid, jsonb, jsonb);
drop function if exists hdc_restore_apply(hdc_site, uuid, text, jsonb);
drop function if exists hdc_site_figures(hdc_site, jsonb);

-- 4. Staging is scratch: a crash loses only the backup or restore in progress, which is run again.
--    Unlogged, it is written and removed without the write-ahead log (half the cost of a large transfer).
alter table ops_transfer_row set unlogged;
-- A restore inserts each table's staged rows in order: found by table, not by scanning every row per table.
create index ops_transfer_row_table_idx on ops_transfer_row (transfer_id, table_name, seq);

-- 5. An idempotency key is bound to its target too (the event of a sync action): the same key on
--    another event is refused instead of answered with the first event's reply.
alter table idempotent_reply add column target text check (length(target) <= 200);
drop function if exists hdc_claim_idempotency_key(hdc_site, uuid, text, text);
