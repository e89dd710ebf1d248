-- HDC Ops baseline schema. It folds 0001–0008 of HDC Ops 0.1.0, which no production database ever ran,
-- into one migration that holds tables, constraints, indexes and row level security only: every
-- function body lives once, in db/functions/<function>.sql (the runner applies those after the
-- numbered migrations, then hdc_lock_down_functions()).
--
-- Tenancy: every row belongs to one Confluence site (installation), named by the ARI Forge gives
-- as installContext. Child rows repeat their event's site and reference (site_id, event_id), so a
-- row can never hang under another site's event; every SQL function takes the site and reads and
-- writes that site's rows only. Uniqueness that used to be global (page ids, account ids,
-- operators) is per site.

create domain hdc_site as text
  check (value ~ '^ari:cloud:confluence::site/[A-Za-z0-9][A-Za-z0-9-]{0,63}$');

-- People seen by HDC Ops on a site: event admins and hack owners.
create table users (
  site_id hdc_site not null,
  account_id text not null check (account_id ~ '^[A-Za-z0-9:_-]{1,128}$'),
  created_at timestamptz not null default now(),
  primary key (site_id, account_id)
);

create table event (
  id uuid primary key default gen_random_uuid(),
  site_id hdc_site not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  lifecycle text not null default 'draft' check (lifecycle in
    ('draft', 'registration', 'team_formation', 'hacking', 'voting', 'results', 'completed', 'archived')),
  confluence_page_id text check (confluence_page_id ~ '^[0-9]{1,20}$'),
  confluence_parent_page_id text check (confluence_parent_page_id ~ '^[0-9]{1,20}$'),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint event_completed_has_completed_at check (lifecycle <> 'completed' or completed_at is not null),
  -- The key child rows reference, so that they always share their event's site.
  constraint event_site_id_key unique (site_id, id)
);
-- sync.status by page id: one event per Confluence page of a site (page ids are per site).
create unique index event_confluence_page_id_key on event (site_id, confluence_page_id) where confluence_page_id is not null;
-- registry.list: keyset over (site, parent, case-folded name, id), byte order so every Postgres sorts alike.
create index event_registry_order_idx on event (site_id, confluence_parent_page_id, (lower(name) collate "C"), id);

create table event_admin (
  site_id hdc_site not null,
  event_id uuid not null,
  account_id text not null,
  role text not null check (role in ('primary', 'co_admin')),
  created_at timestamptz not null default now(),
  primary key (event_id, account_id),
  foreign key (site_id, event_id) references event (site_id, id) on delete cascade,
  foreign key (site_id, account_id) references users (site_id, account_id)
);
-- At most one primary admin per event, whatever the writer. (Events without one are an
-- integrity finding of the weekly dry-run, not a write error: admins are added after the event.)
create unique index event_admin_one_primary_key on event_admin (event_id) where role = 'primary';

-- fillfactor 50: marking a hack synced is a HOT update (no index covers synced_to_library_at, and
-- each page keeps room for the new row version); each hack is marked once.
create table hack (
  id uuid primary key default gen_random_uuid(),
  site_id hdc_site not null,
  event_id uuid not null,
  title text not null default '',
  owner_account_id text,
  submitted_at timestamptz,
  synced_to_library_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (site_id, event_id) references event (site_id, id) on delete cascade,
  foreign key (site_id, owner_account_id) references users (site_id, account_id)
) with (fillfactor = 50);
-- The sync's candidate set is read per event (a few thousand rows at most).
create index hack_event_idx on hack (event_id);

-- The library holds copies that outlive their source (cleaning up an event must not rewrite the
-- library), one per source hack. Rows are written only by hdc_sync_event_hacks, which reads them
-- from hack, so foreign-key checks would buy nothing but time (about 85 ms per 3,000 rows).
create table library_hack (
  source_hack_id uuid primary key,
  site_id hdc_site not null,
  event_id uuid not null,
  title text not null check (length(btrim(title)) > 0),
  owner_account_id text not null,
  synced_at timestamptz not null default now()
);

create table event_sync_state (
  event_id uuid primary key,
  site_id hdc_site not null,
  status text not null check (status in ('complete', 'partial', 'failed')),
  error_category text not null check (error_category in
    ('none', 'partial_failure', 'permission', 'validation', 'transient', 'unknown')),
  retryable boolean not null,
  guidance text not null,
  pushed_count integer not null check (pushed_count >= 0),
  skipped_count integer not null check (skipped_count >= 0),
  failed_count integer not null check (failed_count >= 0),
  failed_items jsonb not null default '[]'::jsonb check (jsonb_typeof(failed_items) = 'array'),
  attempt_count integer not null check (attempt_count >= 1),
  consecutive_failures integer not null check (consecutive_failures >= 0),
  last_attempt_at timestamptz not null,
  last_error text,
  -- The escalation note that allows one more Retry Sync after repeated failures of one cause.
  escalation_note text check (escalation_note is null or length(btrim(escalation_note)) between 1 and 2000),
  escalated_by text,
  escalated_at timestamptz,
  updated_at timestamptz not null default now(),
  foreign key (site_id, event_id) references event (site_id, id) on delete cascade,
  constraint event_sync_state_escalation_complete check (
    (escalation_note is null) = (escalated_by is null) and (escalation_note is null) = (escalated_at is null))
);

create table event_audit_log (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  event_id uuid not null,
  actor_account_id text not null,
  action text not null check (action in ('sync_complete', 'sync_partial', 'sync_failed', 'sync_retry', 'sync_escalated')),
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now(),
  foreign key (site_id, event_id) references event (site_id, id)
);
-- audit.list: newest first, id breaks ties between equal timestamps.
create index event_audit_log_event_idx on event_audit_log (event_id, created_at desc, id desc);

-- One row per measured call. The SQL function that serves a call writes its row in the same
-- transaction, with the database's own duration; the caller's end-to-end duration replaces it when
-- a later call of the same process carries it (duration_source 'end_to_end').
create table telemetry_event (
  id uuid primary key,
  site_id hdc_site not null,
  metric text not null check (metric ~ '^[a-z_]{1,64}$'),
  source text not null default 'organic' check (source in ('organic', 'probe')),
  outcome text not null check (outcome in ('success', 'error')),
  duration_ms double precision not null check (duration_ms >= 0),
  duration_source text not null default 'end_to_end' check (duration_source in ('database', 'end_to_end')),
  attributes jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null
);
-- Weekly report windows and retention pruning by age; the escalation evidence per metric.
create index telemetry_event_site_time_idx on telemetry_event (site_id, recorded_at);
create index telemetry_event_site_metric_time_idx on telemetry_event (site_id, metric, recorded_at);

-- The reply of every write that carried an idempotency key, kept for a day: the same key again (a
-- retry after an ambiguous timeout, a double click) returns this reply instead of acting twice.
-- `reply` is null only inside the transaction that claimed the key, until its write is done.
create table idempotent_reply (
  site_id hdc_site not null,
  key uuid not null,
  operation text not null check (operation ~ '^[a-z_.]{1,64}$'),
  actor text not null,
  reply jsonb,
  created_at timestamptz not null default now(),
  primary key (site_id, key)
);
create index idempotent_reply_age_idx on idempotent_reply (site_id, created_at);

create table hdc_operator (
  site_id hdc_site not null,
  account_id text not null check (account_id ~ '^[A-Za-z0-9:_-]{1,128}$'),
  added_by text not null,
  added_at timestamptz not null default now(),
  primary key (site_id, account_id)
);

-- Operations that belong to no event: operators added or removed, reports generated, pruning.
create table ops_audit_log (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  actor text not null,
  action text not null check (action in
    ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned')),
  subject text,
  detail jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index ops_audit_log_time_idx on ops_audit_log (site_id, created_at desc, id desc);

create table weekly_report (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  week_of date not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  generated_at timestamptz not null,
  generated_by text not null,
  status text not null check (status in ('PASS', 'FAIL', 'CONDITIONAL')),
  severity text not null check (severity in ('SEV-2', 'SEV-3', 'none')),
  report jsonb not null check (jsonb_typeof(report) = 'object')
);
create index weekly_report_recent_idx on weekly_report (site_id, generated_at desc, id desc);

-- One row per scheduled run, whatever its outcome: a failed run leaves its reason here.
create table scheduled_run (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  job text not null check (job in ('telemetry_sampler', 'weekly_report')),
  started_at timestamptz not null,
  finished_at timestamptz not null,
  status text not null check (status in ('ok', 'failed')),
  detail jsonb not null default '{}'::jsonb,
  error_code text
);
create index scheduled_run_job_idx on scheduled_run (site_id, job, started_at desc, id desc);

-- On Supabase every table in `public` is reachable through PostgREST with the anon key. Row level
-- security with no policies closes that; the service role (HDC Ops' Forge backend) bypasses RLS,
-- and so does the table owner used by `hdc-ops` and the embedded database.
alter table users enable row level security;
alter table event enable row level security;
alter table event_admin enable row level security;
alter table hack enable row level security;
alter table library_hack enable row level security;
alter table event_sync_state enable row level security;
alter table event_audit_log enable row level security;
alter table telemetry_event enable row level security;
alter table idempotent_reply enable row level security;
alter table hdc_operator enable row level security;
alter table ops_audit_log enable row level security;
alter table weekly_report enable row level security;
alter table scheduled_run enable row level security;
