-- Telemetry at scale: raw rows are folded into per-site rollups, and the window, the weekly report
-- and the sampler read the rollups, so their cost follows the length of the window, not the traffic.
-- Bins and hours are aligned to the clock (date_bin from the Unix epoch, whatever the session's
-- time zone).

-- 5-minute bins: calls, errors, rejections (errors a serving function refused, with its SQLSTATE)
-- and calls that ended rate-limited (HTTP 429), per metric and source. The error-rate windows of
-- the thresholds (multiples of 5 minutes) are sums of consecutive bins.
create table telemetry_bin (
  site_id hdc_site not null,
  bin_start timestamptz not null check (bin_start = date_bin('5 minutes', bin_start, timestamptz 'epoch')),
  metric text not null,
  source text not null,
  calls integer not null check (calls > 0),
  errors integer not null check (errors between 0 and calls),
  rejections integer not null check (rejections between 0 and errors),
  rate_limited integer not null check (rate_limited between 0 and calls),
  primary key (site_id, bin_start, metric, source)
);

-- Per-hour latency histograms: bucket k holds durations in [1.03^k, 1.03^(k+1)) ms (k of 0.001 ms
-- and less is the floor), so a percentile read at the bucket's geometric middle is within 1.5 % of
-- the exact one. Sparse: `buckets` ascending, `counts` beside them. `samples`: the hour's two latest
-- rows, the sample lines of the report.
create table telemetry_latency_hour (
  site_id hdc_site not null,
  hour_start timestamptz not null check (hour_start = date_bin('1 hour', hour_start, timestamptz 'epoch')),
  metric text not null,
  source text not null,
  calls integer not null check (calls > 0),
  buckets smallint[] not null,
  counts integer[] not null check (cardinality(counts) = cardinality(buckets)),
  samples jsonb not null check (jsonb_typeof(samples) = 'array'),
  primary key (site_id, hour_start, metric, source)
);

-- What has been folded, per site. Every fold recomputes the hours from fold_from to the current
-- hour, then moves fold_from up to the open hour (the current one, or the previous one in the first
-- 10 minutes of an hour: a write in flight across the hour's turn is counted by the next fold).
-- Rows recorded before that (late rows: a queued end-to-end view, a backfill) are not covered: their
-- writer marks the hour in telemetry_fold_mark. Raw rows before raw_complete_from have been pruned
-- (in part): a late row for such an hour is not folded (its hour's rollup stays as it was), since
-- the rest of its hour is gone.
create table telemetry_fold_state (
  site_id hdc_site primary key,
  fold_from timestamptz not null check (fold_from = date_bin('1 hour', fold_from, timestamptz 'epoch')),
  raw_complete_from timestamptz not null default '-infinity'
);

-- Hours before the open hour whose raw rows changed since they were folded. Marks are appended,
-- never upserted, so a writer never waits for a fold; the fold deletes the marks it can see, then
-- reads the raw rows, so a write it could not see keeps its mark for the next fold.
create table telemetry_fold_mark (
  site_id hdc_site not null,
  hour_start timestamptz not null
);
create index telemetry_fold_mark_hour_idx on telemetry_fold_mark (site_id, hour_start);

-- The window no longer reads raw rows by metric; the escalation evidence (the latest sync rows of
-- one event) is the only reader by metric, and this index serves exactly it.
drop index telemetry_event_site_metric_time_idx;
create index telemetry_event_sync_evidence_idx on telemetry_event (site_id, (attributes ->> 'eventId'), recorded_at)
  where metric = 'sync_execution';

alter table ops_audit_log drop constraint ops_audit_log_action_check;
alter table ops_audit_log add constraint ops_audit_log_action_check check (action in
  ('operator_added', 'operator_removed', 'report_generated', 'telemetry_pruned', 'idempotent_replies_pruned',
   'telemetry_folded', 'telemetry_rollups_pruned'));

-- Rows written before this migration are folded by each site's first fold, which starts at the
-- site's oldest raw row.

alter table telemetry_bin enable row level security;
alter table telemetry_latency_hour enable row level security;
alter table telemetry_fold_mark enable row level security;
alter table telemetry_fold_state enable row level security;
