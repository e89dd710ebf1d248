-- Operations kit: backups and restores of one site's data (staged in the database so that a
-- snapshot is read in one transaction and paged out, and a restore is paged in and applied in one
-- transaction, over Supabase's HTTP API as over SQL), the catalogue of verified backups, drill
-- results, and the forbidden share of telemetry (the hypercare auth-failure rate).

-- A backup snapshot being paged out, or a restore being paged in. Rows live here only for the
-- length of one backup or restore; abandoned transfers are removed after a day.
create table ops_transfer (
  id uuid primary key default gen_random_uuid(),
  site_id hdc_site not null,
  kind text not null check (kind in ('backup', 'restore')),
  created_by text not null,
  created_at timestamptz not null default now(),
  -- Backup: the manifest of the snapshot (schema version, per-table rows and content hashes).
  manifest jsonb,
  constraint ops_transfer_site_id_key unique (site_id, id)
);

create table ops_transfer_row (
  site_id hdc_site not null,
  transfer_id uuid not null,
  seq bigint not null check (seq >= 0),
  table_name text not null,
  row jsonb not null check (jsonb_typeof(row) = 'object'),
  primary key (transfer_id, seq),
  foreign key (site_id, transfer_id) references ops_transfer (site_id, id) on delete cascade
);

-- Backups written to a file and read back with a matching checksum: what readiness (backup
-- freshness) and the ops summary read. It describes the database's operations, not the site's
-- data, so a backup leaves it out and a restore keeps it.
create table ops_backup (
  id uuid primary key,
  site_id hdc_site not null,
  kind text not null check (kind in ('manual', 'pre_restore', 'pre_upgrade', 'drill')),
  snapshot_at timestamptz not null,
  schema_version integer not null,
  file_name text not null check (length(file_name) between 1 and 500),
  bytes bigint not null check (bytes >= 0),
  total_rows bigint not null check (total_rows >= 0),
  payload_sha256 text not null check (payload_sha256 ~ '^[0-9a-f]{64}$'),
  includes_telemetry boolean not null,
  verified_at timestamptz not null,
  created_by text not null
);
create index ops_backup_recent_idx on ops_backup (site_id, snapshot_at desc);

-- Recovery drills: backup → restore into a scratch database → parity → the read resolvers on both.
create table ops_drill (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  ran_at timestamptz not null default now(),
  ran_by text not null,
  passed boolean not null,
  rto_ms double precision check (rto_ms >= 0),
  rpo_seconds double precision check (rpo_seconds >= 0),
  report jsonb not null check (jsonb_typeof(report) = 'object')
);
create index ops_drill_recent_idx on ops_drill (site_id, ran_at desc, id desc);

-- Calls refused as forbidden, per 5-minute bin: the hypercare auth-failure rate.
alter table telemetry_bin add column forbidden integer not null default 0;
alter table telemetry_bin add constraint telemetry_bin_forbidden_check check (forbidden between 0 and errors);

-- The orphan scan gets its scheduled_run rows too (the weekly scan's dead-man's switch).
alter table scheduled_run drop constraint scheduled_run_job_check;
alter table scheduled_run add constraint scheduled_run_job_check check (job in ('telemetry_sampler', 'weekly_report', 'orphan_scan'));

alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_check check (action in
  ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned',
   'telemetry_folded', 'telemetry_rollups_pruned',
   'cleanup_scanned', 'cleanup_planned', 'cleanup_item_executed', 'cleanup_item_restored',
   'backup_taken', 'restore_applied', 'drill_recorded', 'ops_summary_read'));

alter table ops_transfer enable row level security;
alter table ops_transfer_row enable row level security;
alter table ops_backup enable row level security;
alter table ops_drill enable row level security;
