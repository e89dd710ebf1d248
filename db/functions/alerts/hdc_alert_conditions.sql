-- The alert conditions true on this site at p_now, from the rollups (hdc_recent_bins) and the
-- operational tables; p_rules carries the thresholds (src/alerts/alert-rules.ts builds it):
--   burn_rate:<name>       per error budget: the long and the short window both fail at least
--                          `factor` × (1 − objective), and the long window holds enough evidence
--                          (minCalls calls by minAccounts people);
--   error_rate_rollback,   the hypercare triggers: the error rate of the last `minutes` (in whole
--   error_rate_escalate    5-minute bins) over `rate`, with enough evidence;
--   auth_failure_rollback  calls refused as forbidden over `rate`, by at least minRefusedAccounts people;
--   sampler_silent         the dead-man's switch: the sampler ran, then no good run for silentMinutes
--                          (a site where it never ran is readiness's warning, not an alert);
--   escalation_waiting     an event has waited for an escalation note longer than escalationWaitHours;
--   cleanup_job_failed     a cleanup job failed in the last day;
--   backup_stale           the newest verified backup is older than rpoHours (a site that never took
--                          one is readiness's warning).
create or replace function hdc_alert_conditions(p_site hdc_site, p_now timestamptz, p_rules jsonb)
returns table (rule text, subject text, severity text, title text, detail jsonb)
-- JIT off, as for hdc_recent_bins: compiling costs more than this query takes.
language plpgsql stable set jit = off as $$
declare
  v_longest integer := (select max((r ->> 'longMinutes')::integer) from jsonb_array_elements(p_rules -> 'burnRates') as r);
  v_min_calls constant integer := (p_rules ->> 'minCalls')::integer;
  v_min_accounts constant integer := (p_rules ->> 'minAccounts')::integer;
  -- The hypercare windows are the only ones that need the sets of callers (the longest, in whole bins).
  v_widest_hypercare integer := (select max((k.value ->> 'minutes')::integer) from jsonb_each(p_rules -> 'hypercare') as k);
begin
  return query
  with bins as materialized (
    select * from hdc_recent_bins(p_site,
      p_now - make_interval(mins => greatest(coalesce(v_longest, 0), 60) + 5), p_now,
      date_bin('5 minutes', p_now - make_interval(mins => coalesce(v_widest_hypercare, 0)), timestamptz 'epoch'))
  ), pairs as (
    -- Each budget's burn-rate pairs, with their windows' starts computed once.
    select g ->> 'metric' as metric, r ->> 'name' as name, r ->> 'severity' as severity, (r ->> 'factor')::float8 as factor,
      (r ->> 'longMinutes')::integer as long_minutes, (r ->> 'shortMinutes')::integer as short_minutes,
      p_now - make_interval(mins => (r ->> 'longMinutes')::integer) as long_from,
      p_now - make_interval(mins => (r ->> 'shortMinutes')::integer) as short_from,
      1 - (g ->> 'objective')::float8 as allowed
    from jsonb_array_elements(p_rules -> 'budgets') as g cross join jsonb_array_elements(p_rules -> 'burnRates') as r
  ), burn as (
    select p.metric, p.name, p.severity, p.factor, p.long_minutes, p.short_minutes, p.allowed,
      sum(b.calls) filter (where b.bin_start >= p.long_from) as long_calls,
      sum(b.errors) filter (where b.bin_start >= p.long_from) as long_errors,
      sum(b.calls) filter (where b.bin_start >= p.short_from) as short_calls,
      sum(b.errors) filter (where b.bin_start >= p.short_from) as short_errors,
      -- People: the most callers of one bin is a lower bound, enough on its own on a busy site; the
      -- exact count (the union of the bins' callers) only where it is not.
      max(b.caller_count) filter (where b.bin_start >= p.long_from) as long_people_at_least
    from pairs p join bins b on b.metric = p.metric and b.bin_start >= p.long_from
    group by p.metric, p.name, p.severity, p.factor, p.long_minutes, p.short_minutes, p.allowed
  ), rates as (
    -- The hypercare triggers over their own window, organic calls of every metric together.
    select k.key as rule, (k.value ->> 'rate')::float8 as rate, k.value ->> 'severity' as severity,
      (k.value ->> 'minutes')::integer as minutes,
      sum(b.calls) as calls, sum(b.errors) as errors, sum(b.forbidden) as forbidden,
      (select count(distinct c) from bins b2 cross join lateral unnest(b2.callers) as c
       where b2.source = 'organic' and b2.bin_start >= date_bin('5 minutes', p_now - make_interval(mins => (k.value ->> 'minutes')::integer), timestamptz 'epoch')) as accounts,
      (select count(distinct c) from bins b2 cross join lateral unnest(b2.refused_callers) as c
       where b2.source = 'organic' and b2.bin_start >= date_bin('5 minutes', p_now - make_interval(mins => (k.value ->> 'minutes')::integer), timestamptz 'epoch')) as refused_accounts
    from jsonb_each(p_rules -> 'hypercare') as k
    left join bins b on b.source = 'organic'
      and b.bin_start >= date_bin('5 minutes', p_now - make_interval(mins => (k.value ->> 'minutes')::integer), timestamptz 'epoch')
    group by k.key, k.value
  )
  select 'burn_rate:' || burn.name, burn.metric, burn.severity,
    format('%s error budget burning %s× (%s over %s min, %s over %s min)', burn.metric,
      round((burn.long_errors::numeric / burn.long_calls / burn.allowed::numeric), 1),
      to_char(100.0 * burn.long_errors / burn.long_calls, 'FM990.0') || ' %', burn.long_minutes,
      to_char(100.0 * burn.short_errors / burn.short_calls, 'FM990.0') || ' %', burn.short_minutes),
    jsonb_build_object('factor', burn.factor, 'burnRate', burn.long_errors::float8 / burn.long_calls / burn.allowed,
      'shortBurnRate', burn.short_errors::float8 / burn.short_calls / burn.allowed,
      'longCalls', burn.long_calls, 'longErrors', burn.long_errors, 'shortCalls', burn.short_calls,
      'shortErrors', burn.short_errors)
  from burn
  where burn.long_calls >= v_min_calls and burn.short_calls > 0
    and burn.long_errors::float8 / burn.long_calls >= burn.factor * burn.allowed
    and burn.short_errors::float8 / burn.short_calls >= burn.factor * burn.allowed
    and (burn.long_people_at_least >= v_min_accounts
      -- Rare (few people in every bin): the window's sets of callers, read for this metric only.
      or (select count(distinct c)
          from hdc_recent_bins(p_site, p_now - make_interval(mins => burn.long_minutes), p_now) b2
          cross join lateral unnest(b2.callers) as c
          where b2.metric = burn.metric and b2.bin_start >= p_now - make_interval(mins => burn.long_minutes)) >= v_min_accounts)
  union all
  select rates.rule, '', rates.severity,
    case when rates.rule = 'auth_failure_rollback'
      then format('%s %% of calls refused as forbidden in %s min, by %s people: consider a rollback',
        to_char(100.0 * rates.forbidden / rates.calls, 'FM990.0'), rates.minutes, rates.refused_accounts)
      else format('Error rate %s %% over %s min', to_char(100.0 * rates.errors / rates.calls, 'FM990.0'), rates.minutes) end,
    jsonb_build_object('calls', rates.calls, 'errors', rates.errors, 'forbidden', rates.forbidden, 'people', rates.accounts,
      'refusedPeople', rates.refused_accounts, 'rate', rates.rate, 'minutes', rates.minutes)
  from rates
  where rates.calls >= v_min_calls and rates.accounts >= v_min_accounts
    and case when rates.rule = 'auth_failure_rollback'
      then rates.forbidden::float8 / rates.calls > rates.rate
        and rates.refused_accounts >= (p_rules ->> 'minRefusedAccounts')::integer
      else rates.errors::float8 / rates.calls > rates.rate end
  union all
  select 'sampler_silent', '', p_rules #>> '{sampler,severity}',
    format('No good sampler run for %s min: the hourly trigger has stopped', round(extract(epoch from p_now - last_ok.at) / 60)),
    jsonb_build_object('lastGoodRun', last_ok.at)
  from (select max(finished_at) as at from scheduled_run
        where site_id = p_site and job = 'telemetry_sampler' and status = 'ok' and finished_at <= p_now) as last_ok
  where last_ok.at < p_now - make_interval(mins => (p_rules #>> '{sampler,silentMinutes}')::integer)
  union all
  select 'escalation_waiting', s.event_id::text, p_rules #>> '{escalation,severity}',
    format('%s has waited %s h for an escalation note', e.name, round(extract(epoch from p_now - s.last_attempt_at) / 3600)),
    jsonb_build_object('eventId', s.event_id, 'since', s.last_attempt_at)
  from event_sync_state s join event e on e.id = s.event_id
  where s.site_id = p_site and hdc_sync_needs_escalation(s) and not hdc_sync_escalation_armed(s)
    and s.last_attempt_at < p_now - make_interval(hours => (p_rules #>> '{escalation,waitHours}')::integer)
  union all
  select 'cleanup_job_failed', j.id::text, p_rules #>> '{cleanupJob,severity}',
    format('A cleanup %s job failed: %s', j.kind, coalesce(j.error ->> 'message', 'no reason recorded')),
    jsonb_build_object('jobId', j.id, 'kind', j.kind, 'finishedAt', j.finished_at)
  from cleanup_job j
  where j.site_id = p_site and j.status = 'failed' and j.finished_at > p_now - interval '1 day' and j.finished_at <= p_now
  union all
  select 'backup_stale', '', p_rules #>> '{backup,severity}',
    format('The newest verified backup is %s h old (RPO %s h)', round(extract(epoch from p_now - newest.at) / 3600),
      p_rules #>> '{backup,rpoHours}'),
    jsonb_build_object('newestBackup', newest.at)
  from (select max(snapshot_at) as at from ops_backup where site_id = p_site and snapshot_at <= p_now) as newest
  where newest.at < p_now - make_interval(hours => (p_rules #>> '{backup,rpoHours}')::integer);
end $$;
