-- HDC Ops core schema: events under a Confluence parent page, their admins and hacks,
-- the library the sync feeds, sync state, audit log and telemetry.

create table users (
  account_id text primary key check (account_id ~ '^[A-Za-z0-9:_-]{1,128}$'),
  created_at timestamptz not null default now()
);

create table event (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 200),
  lifecycle text not null default 'draft' check (lifecycle in
    ('draft', 'registration', 'team_formation', 'hacking', 'voting', 'results', 'completed', 'archived')),
  confluence_page_id text check (confluence_page_id ~ '^[0-9]{1,20}$'),
  confluence_parent_page_id text check (confluence_parent_page_id ~ '^[0-9]{1,20}$'),
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint event_completed_has_completed_at check (lifecycle <> 'completed' or completed_at is not null)
);
-- sync.status by page id; one event per Confluence page.
create unique index event_confluence_page_id_key on event (confluence_page_id) where confluence_page_id is not null;
-- registry.list: keyset over (parent, case-folded name, id), byte order so every Postgres sorts alike.
create index event_registry_order_idx on event (confluence_parent_page_id, (lower(name) collate "C"), id);

create table event_admin (
  event_id uuid not null references event (id) on delete cascade,
  account_id text not null references users (account_id),
  role text not null check (role in ('primary', 'co_admin')),
  created_at timestamptz not null default now(),
  primary key (event_id, account_id)
);
-- At most one primary admin per event, whatever the writer. (Events without one are an
-- integrity finding of the weekly dry-run, not a write error: admins are added after the event.)
create unique index event_admin_one_primary_key on event_admin (event_id) where role = 'primary';
create index event_admin_account_idx on event_admin (account_id);

create table hack (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references event (id) on delete cascade,
  title text not null default '',
  owner_account_id text references users (account_id),
  submitted_at timestamptz,
  synced_to_library_at timestamptz,
  created_at timestamptz not null default now()
);
create index hack_event_idx on hack (event_id);
-- The sync's candidate set: submitted, not yet synced.
create index hack_event_unsynced_idx on hack (event_id) where submitted_at is not null and synced_to_library_at is null;

create table library_hack (
  id uuid primary key default gen_random_uuid(),
  source_hack_id uuid not null references hack (id),
  event_id uuid not null references event (id),
  title text not null check (length(btrim(title)) > 0),
  owner_account_id text not null references users (account_id),
  synced_at timestamptz not null default now(),
  constraint library_hack_source_hack_id_key unique (source_hack_id)
);
create index library_hack_event_idx on library_hack (event_id);

create table event_sync_state (
  event_id uuid primary key references event (id) on delete cascade,
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
  updated_at timestamptz not null default now()
);

create table event_audit_log (
  id bigint generated always as identity primary key,
  event_id uuid not null references event (id),
  actor_account_id text not null,
  action text not null check (action in ('sync_complete', 'sync_partial', 'sync_failed', 'sync_retry')),
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now()
);
-- audit.list: newest first, id breaks ties between equal timestamps.
create index event_audit_log_event_idx on event_audit_log (event_id, created_at desc, id desc);

create table telemetry_event (
  id uuid primary key,
  metric text not null check (metric ~ '^[a-z_]{1,64}$'),
  source text not null default 'organic' check (source in ('organic', 'probe')),
  outcome text not null check (outcome in ('success', 'error')),
  duration_ms double precision not null check (duration_ms >= 0),
  attributes jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null
);
-- Weekly report windows per metric, and retention pruning by age.
create index telemetry_event_metric_time_idx on telemetry_event (metric, recorded_at);
create index telemetry_event_time_idx on telemetry_event (recorded_at);
