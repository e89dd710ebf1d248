-- Personal data: where account ids are, the privacy report's progress, installations and releases.
--
-- 1. The columns that hold an Atlassian account id take the hdc_account_id domain (a text, without a
--    check: system actors such as 'hdc-ops' share the audit columns), so that the catalog says which
--    they are; test/integration/personal-data.test.ts fails on one missing from the registry below.
create domain hdc_account_id as text;
alter table users alter column account_id type hdc_account_id;
alter table event_admin alter column account_id type hdc_account_id;
alter table hdc_operator alter column account_id type hdc_account_id;
alter table hdc_operator alter column added_by type hdc_account_id;
alter table event_audit_log alter column actor_account_id type hdc_account_id;
alter table event_sync_state alter column escalated_by type hdc_account_id;
alter table hack alter column owner_account_id type hdc_account_id;
alter table library_hack alter column owner_account_id type hdc_account_id;
alter table idempotent_reply alter column actor type hdc_account_id;
alter table ops_audit_log alter column actor type hdc_account_id;
alter table ops_alert alter column acknowledged_by type hdc_account_id;
alter table ops_alert alter column resolved_by type hdc_account_id;
alter table ops_backup alter column created_by type hdc_account_id;
alter table ops_drill alter column ran_by type hdc_account_id;
alter table ops_site_hold alter column held_by type hdc_account_id;
alter table ops_transfer alter column created_by type hdc_account_id;
alter table cleanup_job alter column requested_by type hdc_account_id;
alter table cleanup_job alter column cancel_requested_by type hdc_account_id;
alter table cleanup_plan alter column created_by type hdc_account_id;
alter table cleanup_plan alter column executed_by type hdc_account_id;
alter table cleanup_plan alter column restored_by type hdc_account_id;
alter table cleanup_plan alter column run_by type hdc_account_id;
alter table cleanup_scan alter column started_by type hdc_account_id;
alter table weekly_report alter column generated_by type hdc_account_id;

-- 2. Installations and the versions each site ran (the app's lifecycle events), release markers.
create table app_installation (
  site_id hdc_site primary key,
  installation_id text not null check (length(installation_id) between 1 and 200),
  -- Null when the site was installed before HDC Ops heard its lifecycle events (its first is an upgrade).
  installed_at timestamptz,
  installed_by hdc_account_id,
  -- The version the site runs now (the newest installed or upgraded event).
  version text check (version ~ '^[0-9]+\.[0-9]+\.[0-9]+'),
  updated_at timestamptz not null
);
alter table app_installation enable row level security;

create table app_release (
  site_id hdc_site not null,
  version text not null check (version ~ '^[0-9]+\.[0-9]+\.[0-9]+'),
  event text not null check (event in ('installed', 'upgraded')),
  recorded_at timestamptz not null,
  recorded_by hdc_account_id,
  primary key (site_id, version)
);
alter table app_release enable row level security;

-- 3. The registry of personal data, stated once: every column that holds an account id, its shape,
--    what an erasure does to it, and the row's time reported as the account's last update (null:
--    the column is not a source of the report, only erased). shape: account (the id itself),
--    caller_key / caller_keys (telemetry's hdc_caller_key of site and id, one or a set), json (the id
--    as a JSON string somewhere in the document). on_erase: pseudonymise (keep the row, name no one)
--    or remove_row (the person's role ends). Erased in erase_order (users last: others refer to it).
--    rows_where: when only some rows name a person in the column (the audit's subject).
create table hdc_personal_data_column (
  table_name text not null,
  column_name text not null,
  shape text not null check (shape in ('account', 'caller_key', 'caller_keys', 'json')),
  on_erase text not null check (on_erase in ('pseudonymise', 'remove_row')),
  updated_column text,
  erase_order smallint not null default 0,
  -- Only the rows this condition holds for name a person in this column (SQL over the row, as t).
  rows_where text,
  primary key (table_name, column_name),
  check (shape = 'account' or (on_erase = 'pseudonymise' and updated_column is null))
);
alter table hdc_personal_data_column enable row level security;
insert into hdc_personal_data_column (table_name, column_name, shape, on_erase, updated_column, erase_order, rows_where) values
  ('users', 'account_id', 'account', 'remove_row', 'created_at', 9, null),
  ('event_admin', 'account_id', 'account', 'remove_row', 'created_at', 1, null),
  ('hdc_operator', 'account_id', 'account', 'remove_row', 'added_at', 1, null),
  ('hdc_operator', 'added_by', 'account', 'pseudonymise', 'added_at', 0, null),
  ('event_audit_log', 'actor_account_id', 'account', 'pseudonymise', 'created_at', 0, null),
  ('event_sync_state', 'escalated_by', 'account', 'pseudonymise', 'escalated_at', 0, null),
  ('hack', 'owner_account_id', 'account', 'pseudonymise', 'created_at', 0, null),
  ('library_hack', 'owner_account_id', 'account', 'pseudonymise', 'synced_at', 0, null),
  ('idempotent_reply', 'actor', 'account', 'pseudonymise', 'created_at', 0, null),
  ('ops_audit_log', 'actor', 'account', 'pseudonymise', 'created_at', 0, null),
  -- operator_added / operator_removed name the account they are about.
  ('ops_audit_log', 'subject', 'account', 'pseudonymise', 'created_at', 0,
    'action in (''operator_added'', ''operator_removed'')'),
  ('ops_alert', 'acknowledged_by', 'account', 'pseudonymise', 'acknowledged_at', 0, null),
  ('ops_alert', 'resolved_by', 'account', 'pseudonymise', 'resolved_at', 0, null),
  ('ops_backup', 'created_by', 'account', 'pseudonymise', 'snapshot_at', 0, null),
  ('ops_drill', 'ran_by', 'account', 'pseudonymise', 'ran_at', 0, null),
  ('ops_site_hold', 'held_by', 'account', 'pseudonymise', 'since', 0, null),
  ('ops_transfer', 'created_by', 'account', 'pseudonymise', 'created_at', 0, null),
  ('cleanup_job', 'requested_by', 'account', 'pseudonymise', 'created_at', 0, null),
  ('cleanup_job', 'cancel_requested_by', 'account', 'pseudonymise', 'updated_at', 0, null),
  ('cleanup_plan', 'created_by', 'account', 'pseudonymise', 'created_at', 0, null),
  ('cleanup_plan', 'executed_by', 'account', 'pseudonymise', 'executed_at', 0, null),
  ('cleanup_plan', 'restored_by', 'account', 'pseudonymise', 'restored_at', 0, null),
  ('cleanup_plan', 'run_by', 'account', 'pseudonymise', 'run_since', 0, null),
  ('cleanup_scan', 'started_by', 'account', 'pseudonymise', 'started_at', 0, null),
  ('weekly_report', 'generated_by', 'account', 'pseudonymise', 'generated_at', 0, null),
  ('app_installation', 'installed_by', 'account', 'pseudonymise', 'installed_at', 0, null),
  ('app_release', 'recorded_by', 'account', 'pseudonymise', 'recorded_at', 0, null),
  ('telemetry_event', 'caller', 'caller_key', 'pseudonymise', null, 0, null),
  ('telemetry_bin', 'callers', 'caller_keys', 'pseudonymise', null, 0, null),
  ('telemetry_bin', 'refused_callers', 'caller_keys', 'pseudonymise', null, 0, null),
  ('event_audit_log', 'before', 'json', 'pseudonymise', null, 0, null),
  ('event_audit_log', 'after', 'json', 'pseudonymise', null, 0, null),
  ('event_sync_state', 'failed_items', 'json', 'pseudonymise', null, 0, null),
  ('ops_audit_log', 'detail', 'json', 'pseudonymise', null, 0, null),
  ('idempotent_reply', 'reply', 'json', 'pseudonymise', null, 0, null),
  ('weekly_report', 'report', 'json', 'pseudonymise', null, 0, null),
  ('scheduled_run', 'detail', 'json', 'pseudonymise', null, 0, null),
  ('cleanup_job', 'detail', 'json', 'pseudonymise', null, 0, null),
  ('cleanup_job', 'error', 'json', 'pseudonymise', null, 0, null),
  ('cleanup_scan', 'result', 'json', 'pseudonymise', null, 0, null),
  ('cleanup_item', 'before', 'json', 'pseudonymise', null, 0, null),
  ('cleanup_item', 'after', 'json', 'pseudonymise', null, 0, null),
  ('ops_alert', 'detail', 'json', 'pseudonymise', null, 0, null),
  ('ops_drill', 'report', 'json', 'pseudonymise', null, 0, null),
  ('ops_transfer', 'manifest', 'json', 'pseudonymise', null, 0, null),
  ('ops_transfer_row', 'row', 'json', 'pseudonymise', null, 0, null);

-- 4. The privacy report's progress per site: a pass reports every stored account once, 90 a request,
--    resumed from cursor_account by the next run when a run ends first. Counts only, never who.
create table privacy_report_state (
  site_id hdc_site primary key,
  pass_started_at timestamptz,
  -- Where the pass is: the md5 of the last account reported (accounts go in that order), so the
  -- cursor names no one.
  cursor_key text check (cursor_key ~ '^[0-9a-f]{32}$'),
  reported integer not null default 0 check (reported >= 0),
  closed integer not null default 0 check (closed >= 0),
  updated integer not null default 0 check (updated >= 0),
  last_completed_at timestamptz,
  last_outcome jsonb,
  last_error text check (length(last_error) <= 300),
  last_error_at timestamptz,
  updated_at timestamptz not null
);
alter table privacy_report_state enable row level security;

insert into ops_audit_action (action) values
  ('account_erased'), ('privacy_reported'), ('app_installed'), ('app_upgraded')
on conflict (action) do nothing;

-- 5. A site's data can leave (`hdc-ops site erase`): the erase holds the site as a restore does, and
--    each erasure is logged in a table that belongs to no site (it outlives the site's rows, and a
--    rollback across this migration keeps it, as it keeps hdc_release).
alter table ops_site_hold drop constraint ops_site_hold_kind_check;
alter table ops_site_hold add constraint ops_site_hold_kind_check check (kind in ('restore', 'rollback', 'erase'));
create table if not exists hdc_site_erasure (
  id bigint generated always as identity primary key,
  site_id text not null,
  erased_at timestamptz not null,
  -- Who ran it: the CLI's operating-system user (cli:<name>), never an Atlassian account.
  run_as text not null check (length(run_as) between 1 and 200),
  rows_erased bigint not null check (rows_erased >= 0),
  tables jsonb not null,
  backup_file text not null,
  backup_sha256 text not null check (backup_sha256 ~ '^[0-9a-f]{64}$')
);
alter table hdc_site_erasure enable row level security;
