-- Orphan cleanup you can trust with a customer's pages.
--
-- 1. Row-level security on the cleanup tables (0003 never enabled it, so Supabase's public anon key
--    reached every site's scans and plans). No policy is created: only the service role, which
--    bypasses row-level security, reaches them. The migration runner now refuses to finish while
--    any table of the schema lacks it, and enables it on its own ledgers.
alter table cleanup_scan enable row level security;
alter table cleanup_scan_page enable row level security;
alter table cleanup_plan enable row level security;
alter table cleanup_item enable row level security;

-- 2. One executor at a time: an execute or restore batch holds the plan's run lease (a token, who,
--    since when, until when) from the batch's start until its outcomes are recorded. Another call
--    meanwhile is refused naming the holder; a lease whose holder died expires on its own.
alter table cleanup_plan add column run_token uuid;
alter table cleanup_plan add column run_by text;
alter table cleanup_plan add column run_since timestamptz;
alter table cleanup_plan add column run_until timestamptz;
alter table cleanup_plan add constraint cleanup_plan_run_lease check (
  (run_token is null and run_by is null and run_since is null and run_until is null)
  or (run_token is not null and run_since is not null and run_until is not null));

-- 3. A restore Confluence refused in part leaves the plan 'partly_restored': the refused items stay
--    restorable, later, by the same or another operator.
alter table cleanup_plan drop constraint cleanup_plan_status_check;
alter table cleanup_plan add constraint cleanup_plan_status_check check (status in
  ('planned', 'executing', 'executed', 'restoring', 'partly_restored', 'restored'));
update cleanup_plan set status = 'partly_restored'
where status = 'restored' and exists (select 1 from cleanup_item i where i.plan_id = cleanup_plan.id and i.state = 'restore_failed');

-- 4. The batch and record functions take the run lease's token (their signatures change).
drop function if exists hdc_cleanup_batch(hdc_site, text, uuid, text, text, integer, jsonb);
drop function if exists hdc_cleanup_record(hdc_site, text, uuid, text, jsonb, jsonb);

-- 5. Long work in the background: a scan, an execution or a restore is a job on Forge's async events
--    queue. Each queued event runs one bounded step and queues the next, so a job finishes with no
--    browser open. At most one scan per site and one job per plan are active; a job with no step for a
--    while (its runner died) is taken over by the next start. The job row says who asked for it (null:
--    the weekly schedule, as the app), how far it got, and why it stopped.
create table cleanup_job (
  id uuid primary key default gen_random_uuid(),
  site_id hdc_site not null,
  kind text not null check (kind in ('scan', 'execute', 'restore')),
  requested_by text,
  parent_page_id text check (parent_page_id ~ '^[0-9]{1,20}$'),
  scan_id bigint,
  plan_id uuid,
  plan_hash text check (plan_hash ~ '^[0-9a-f]{64}$'),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  steps integer not null default 0 check (steps >= 0),
  progress real check (progress between 0 and 1),
  detail jsonb,
  error jsonb,
  cancel_requested_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint cleanup_job_site_id_key unique (site_id, id),
  constraint cleanup_job_target check ((kind = 'scan' and plan_id is null) or (kind <> 'scan' and plan_id is not null)),
  foreign key (site_id, plan_id) references cleanup_plan (site_id, id)
);
create unique index cleanup_job_one_scan_idx on cleanup_job (site_id) where kind = 'scan' and status in ('queued', 'running');
create unique index cleanup_job_one_per_plan_idx on cleanup_job (plan_id) where plan_id is not null and status in ('queued', 'running');
create index cleanup_job_recent_idx on cleanup_job (site_id, created_at desc);
alter table cleanup_job enable row level security;

alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_check check (action in
  ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned',
   'telemetry_folded', 'telemetry_rollups_pruned',
   'cleanup_scanned', 'cleanup_planned', 'cleanup_item_executed', 'cleanup_item_restored',
   'backup_taken', 'restore_applied', 'drill_recorded', 'ops_summary_read',
   'cleanup_job_started', 'cleanup_job_cancelled'));
