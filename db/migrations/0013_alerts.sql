-- Alerts: evaluated every five minutes from the rollups (hdc_alert_evaluate), one open alert per rule
-- and subject on a site, firing → acknowledged → resolved; resolved by itself once its condition has
-- been clear for the hold time. acknowledged_by and resolved_by hold account ids (personal data).
create table ops_alert (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  rule text not null check (rule ~ '^[a-z0-9_:]{1,64}$'),
  subject text not null default '' check (length(subject) <= 64),
  severity text not null check (severity in ('P0', 'P1', 'P2', 'P3')),
  status text not null default 'firing' check (status in ('firing', 'acknowledged', 'resolved')),
  title text not null check (length(title) between 1 and 300),
  detail jsonb not null default '{}'::jsonb,
  opened_at timestamptz not null,
  last_seen_at timestamptz not null,
  clear_since timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by text,
  resolved_at timestamptz,
  resolved_by text,
  resolution text check (length(resolution) <= 2000),
  constraint ops_alert_site_id_key unique (site_id, id),
  constraint ops_alert_acknowledged check ((acknowledged_at is null) = (acknowledged_by is null)),
  constraint ops_alert_resolved check ((status = 'resolved') = (resolved_at is not null))
);
create unique index ops_alert_one_open_idx on ops_alert (site_id, rule, subject) where status <> 'resolved';
create index ops_alert_recent_idx on ops_alert (site_id, opened_at desc);
alter table ops_alert enable row level security;

alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_check check (action in
  ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned',
   'telemetry_folded', 'telemetry_rollups_pruned',
   'cleanup_scanned', 'cleanup_planned', 'cleanup_item_executed', 'cleanup_item_restored',
   'backup_taken', 'restore_applied', 'drill_recorded', 'ops_summary_read',
   'cleanup_job_started', 'cleanup_job_cancelled', 'site_held', 'site_released', 'staging_removed',
   'alert_fired', 'alert_escalated', 'alert_acknowledged', 'alert_resolved'));

-- hdc_is_forbidden takes the row's outcome and attributes (readers of unfolded rows select columns, not rows).
drop function if exists hdc_is_forbidden(telemetry_event);
