-- Orphan-page cleanup: scans of the HDC parent page's tree in Confluence, immutable plans, and the
-- per-item state of their execution and restore.
--
-- Two events may now reference one page (a "duplicate reference", which imports and hand edits
-- made in the HDC this replaces): the cleanup finds and resolves them, so the database must be
-- able to hold them. sync.status by page refuses an ambiguous page instead of picking an event.
drop index event_confluence_page_id_key;
create index event_confluence_page_idx on event (site_id, confluence_page_id) where confluence_page_id is not null;

-- One scan of the pages under an HDC parent page. A scan is driven chunk by chunk (its cursor is
-- kept here), so a large tree is read across several calls and an interrupted scan resumes.
create table cleanup_scan (
  id bigint generated always as identity primary key,
  site_id hdc_site not null,
  parent_page_id text not null check (parent_page_id ~ '^[0-9]{1,20}$'),
  started_by text not null,
  trigger text not null check (trigger in ('user', 'scheduled')),
  status text not null default 'listing' check (status in ('listing', 'complete')),
  cursor text,
  requests integer not null default 0 check (requests >= 0),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Set when complete: {counts, findings, canDelete}.
  result jsonb check (result is null or jsonb_typeof(result) = 'object'),
  constraint cleanup_scan_site_id_key unique (site_id, id)
);
create index cleanup_scan_recent_idx on cleanup_scan (site_id, status, finished_at desc, id desc);

-- The pages a scan saw: the parent's descendants, then the event pages looked up by id.
create table cleanup_scan_page (
  site_id hdc_site not null,
  scan_id bigint not null,
  page_id text not null,
  title text not null,
  status text not null check (status in ('current', 'archived', 'trashed', 'deleted')),
  parent_id text,
  depth integer not null check (depth >= 0),
  last_modified timestamptz,
  version integer,
  seen_as text not null check (seen_as in ('descendant', 'lookup')),
  primary key (scan_id, page_id),
  foreign key (site_id, scan_id) references cleanup_scan (site_id, id) on delete cascade
);

-- A plan: the chosen items and the action for each, fixed when made (its hash is what the
-- operator confirms). Its items carry their execution and restore state.
create table cleanup_plan (
  id uuid primary key default gen_random_uuid(),
  site_id hdc_site not null,
  scan_id bigint not null,
  parent_page_id text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  status text not null default 'planned' check (status in ('planned', 'executing', 'executed', 'restoring', 'restored')),
  executed_by text,
  executed_at timestamptz,
  restored_by text,
  restored_at timestamptz,
  constraint cleanup_plan_site_id_key unique (site_id, id),
  foreign key (site_id, scan_id) references cleanup_scan (site_id, id)
);
create index cleanup_plan_recent_idx on cleanup_plan (site_id, created_at desc, id);

create table cleanup_item (
  site_id hdc_site not null,
  plan_id uuid not null,
  position integer not null check (position >= 0),
  kind text not null check (kind in ('orphan_page', 'dangling_event', 'duplicate_reference')),
  action text not null check (action in ('trash', 'relink', 'clear')),
  page_id text check (page_id ~ '^[0-9]{1,20}$'),
  event_id uuid,
  to_page_id text check (to_page_id ~ '^[0-9]{1,20}$'),
  title text not null,
  -- Trash: the page's version and depth when planned, and its children then (leaves go first).
  version integer,
  depth integer,
  child_ids text[] not null default '{}',
  state text not null default 'pending' check (state in
    ('pending', 'done', 'skipped', 'failed', 'restored', 'restore_skipped', 'restore_failed')),
  reason text,
  before jsonb,
  after jsonb,
  updated_at timestamptz not null default now(),
  primary key (plan_id, position),
  foreign key (site_id, plan_id) references cleanup_plan (site_id, id),
  constraint cleanup_item_shape check (
    (action = 'trash' and page_id is not null and version is not null and event_id is null)
    or (action = 'relink' and event_id is not null and to_page_id is not null)
    or (action = 'clear' and event_id is not null and to_page_id is null))
);

alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_check check (action in
  ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned',
   'telemetry_folded', 'telemetry_rollups_pruned',
   'cleanup_scanned', 'cleanup_planned', 'cleanup_item_executed', 'cleanup_item_restored'));

alter table event_audit_log drop constraint event_audit_log_action_check;
alter table event_audit_log add constraint event_audit_log_action_check check (action in
  ('sync_complete', 'sync_partial', 'sync_failed', 'sync_retry', 'sync_escalated',
   'page_relinked', 'page_reference_cleared', 'page_reference_restored'));
