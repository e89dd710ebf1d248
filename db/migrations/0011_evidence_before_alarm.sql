-- Evidence before alarm: a rate is judged only on windows with enough calls *and* enough people.
--
-- 1. Each telemetry row carries who made the call as a caller key (hdc_caller_key: a hash of the site
--    and the account id, never the account id itself; null for probes and scheduled work). Raw rows
--    keep it until they are pruned (14 days).
alter table telemetry_event add column caller text check (caller ~ '^[0-9a-f]{16}$');

-- 2. Each 5-minute bin keeps the distinct caller keys of its calls, and of its calls refused as
--    forbidden, at most 64 of each (hdc_fold_telemetry): enough to count people up to the evidence
--    thresholds across any window of bins, which counts of people per bin could not (they do not add up).
alter table telemetry_bin
  add column callers text[] not null default '{}' check (cardinality(callers) <= 64),
  add column refused_callers text[] not null default '{}' check (cardinality(refused_callers) <= 64);

-- 3. Window readers judge with a minimum number of people as well (their signatures change).
drop function if exists hdc_telemetry_window(hdc_site, timestamptz, timestamptz, integer, integer, integer);
drop function if exists hdc_hypercare_figures(hdc_site, timestamptz, integer, integer, integer);

-- 4. A report reads the sampler runs of its own window, not every run since its start (a report
--    written for a past week counted the runs of the weeks after it).
drop function if exists hdc_scheduled_runs(hdc_site, text, timestamptz, integer);
drop function if exists hdc_cleanup_scan_figures(hdc_site, timestamptz);
