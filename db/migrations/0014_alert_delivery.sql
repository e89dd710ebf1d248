-- Delivery of alerts and weekly reports through Confluence itself.
--
-- 1. The audit's actions as rows of their own table, so that a new action is one insert here instead
--    of the whole list restated in a check constraint (as 0002–0013 did).
create table if not exists ops_audit_action (action text primary key check (action ~ '^[a-z_]{1,64}$'));
alter table ops_audit_action enable row level security;
insert into ops_audit_action (action) values
  ('operator_added'), ('operator_removed'), ('report_generated'), ('telemetry_pruned'), ('idempotent_replies_pruned'),
  ('telemetry_folded'), ('telemetry_rollups_pruned'),
  ('cleanup_scanned'), ('cleanup_planned'), ('cleanup_item_executed'), ('cleanup_item_restored'),
  ('backup_taken'), ('restore_applied'), ('drill_recorded'), ('ops_summary_read'),
  ('cleanup_job_started'), ('cleanup_job_cancelled'), ('site_held'), ('site_released'), ('staging_removed'),
  ('alert_fired'), ('alert_escalated'), ('alert_acknowledged'), ('alert_resolved'),
  ('delivery_configured'), ('alert_notified'), ('alert_notification_failed'), ('report_published')
on conflict (action) do nothing;
alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_fkey foreign key (action) references ops_audit_action (action);

-- 2. Where a site's alerts and reports go: its operations page (incident pages and the standing
--    "HDC alerts" page are made under it) and the page the weekly reports are published under (the
--    operations page when not set). Without an operations page nothing leaves the database.
create table ops_delivery_setting (
  site_id hdc_site primary key,
  ops_page_id text check (ops_page_id ~ '^[0-9]{1,20}$'),
  report_page_id text check (report_page_id ~ '^[0-9]{1,20}$'),
  updated_at timestamptz not null
);
alter table ops_delivery_setting enable row level security;

-- 3. The Confluence page of a P0/P1 alert's incident, once made.
alter table ops_alert add column incident_page_id text check (incident_page_id ~ '^[0-9]{1,20}$');

-- 4. One notification per alert state change (the unique key: an escalation to a severity happens
--    once, as severity only rises), written in the transaction of the change and delivered after it.
--    mentioned counts the people its mentions reached, never who they are; reached: it notified
--    someone (mentions or the chat webhook), which the hourly cap counts.
create table ops_alert_notification (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  alert_id bigint not null,
  change text not null check (change in ('fired', 'escalated', 'acknowledged', 'resolved')),
  severity text not null check (severity in ('P0', 'P1', 'P2', 'P3')),
  created_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  claimed_until timestamptz,
  delivered_at timestamptz,
  page_id text check (page_id ~ '^[0-9]{1,20}$'),
  mentioned integer not null default 0 check (mentioned >= 0),
  reached boolean not null default false,
  capped boolean not null default false,
  last_error text check (length(last_error) <= 300),
  foreign key (site_id, alert_id) references ops_alert (site_id, id) on delete cascade,
  unique (site_id, alert_id, change, severity),
  constraint ops_alert_notification_delivered check ((status = 'delivered') = (delivered_at is not null))
);
create index ops_alert_notification_pending_idx on ops_alert_notification (site_id, id) where status = 'pending';
create index ops_alert_notification_recent_idx on ops_alert_notification (site_id, delivered_at) where status = 'delivered';
alter table ops_alert_notification enable row level security;

-- 5. hdc_recent_bins returns the sets of callers from a given bin on only, and each bin's count of them.
drop function if exists hdc_recent_bins(hdc_site, timestamptz, timestamptz);

-- 6. A weekly report's published Confluence page.
alter table weekly_report add column published_page_id text check (published_page_id ~ '^[0-9]{1,20}$');
alter table weekly_report add column published_at timestamptz;
