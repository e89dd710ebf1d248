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
