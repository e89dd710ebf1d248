-- The ops summary, for HDC operators only, in one round trip: the sync backlog (events partial or
-- failed, the oldest first), escalations waiting for a note, cleanup executions pending or
-- failed, scheduled runs failed in 24 hours, organic telemetry of the last hour and day as of now
-- (calls, errors, forbidden refusals, and the people behind them), the error budgets' figures over
-- p_budget_window_days days, the latest weekly report, the privacy report's status, and the posture
-- (schema, scheduled runs, newest backup, latest drill). Every read is audited with what it returned.
create or replace function hdc_ops_summary(p_site hdc_site, p_actor text, p_budget_window_days integer) returns jsonb
language plpgsql as $$
declare
  v_summary jsonb;
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor, 'read the ops summary');
  select jsonb_build_object(
    'generatedAt', now(),
    'syncBacklog', jsonb_build_object(
      'partial', count(*) filter (where s.status = 'partial'),
      'failed', count(*) filter (where s.status = 'failed'),
      'escalationsWaiting', count(*) filter (where hdc_sync_needs_escalation(s) and not hdc_sync_escalation_armed(s)),
      'oldest', (
        select jsonb_build_object('eventId', o.event_id, 'name', e.name, 'status', o.status, 'since', o.last_attempt_at)
        from event_sync_state o join event e on e.id = o.event_id
        where o.site_id = p_site and o.status in ('partial', 'failed')
        order by o.last_attempt_at, o.event_id limit 1)),
    'cleanup', (
      select jsonb_build_object(
        'plansExecuting', count(distinct p.id) filter (where p.status in ('executing', 'restoring')),
        'itemsPending', count(*) filter (where i.state = 'pending' and p.status in ('executing', 'restoring')),
        'itemsFailed', count(*) filter (where i.state in ('failed', 'restore_failed')))
      from cleanup_plan p left join cleanup_item i on i.plan_id = p.id
      where p.site_id = p_site),
    'scheduledRunsFailed24h', (
      select jsonb_build_object('count', count(*), 'latest', max(finished_at),
        'jobs', coalesce(jsonb_agg(distinct job), '[]'::jsonb))
      from scheduled_run where site_id = p_site and status = 'failed' and finished_at >= now() - interval '24 hours'),
    'telemetry', (
      -- As of now (hdc_recent_bins: the folded rollups, and the raw rows of the hours not folded yet);
      -- the last hour is the 5-minute bins from the one an hour ago on.
      with recent as (
        select bin_start as at, calls, errors, forbidden, callers, refused_callers
        from hdc_recent_bins(p_site, now() - interval '24 hours', now() + interval '1 second')
        where source = 'organic'
      )
      select jsonb_build_object(
        'lastHour', jsonb_build_object(
          'calls', coalesce(sum(calls) filter (where at >= date_bin('5 minutes', now() - interval '1 hour', timestamptz 'epoch')), 0),
          'errors', coalesce(sum(errors) filter (where at >= date_bin('5 minutes', now() - interval '1 hour', timestamptz 'epoch')), 0),
          'forbidden', coalesce(sum(forbidden) filter (where at >= date_bin('5 minutes', now() - interval '1 hour', timestamptz 'epoch')), 0),
          'accounts', (select count(distinct c) from recent r cross join lateral unnest(r.callers) as c
                       where r.at >= date_bin('5 minutes', now() - interval '1 hour', timestamptz 'epoch')),
          'refusedAccounts', (select count(distinct c) from recent r cross join lateral unnest(r.refused_callers) as c
                              where r.at >= date_bin('5 minutes', now() - interval '1 hour', timestamptz 'epoch'))),
        'lastDay', jsonb_build_object(
          'calls', coalesce(sum(calls), 0), 'errors', coalesce(sum(errors), 0), 'forbidden', coalesce(sum(forbidden), 0),
          'accounts', (select count(distinct c) from recent r cross join lateral unnest(r.callers) as c),
          'refusedAccounts', (select count(distinct c) from recent r cross join lateral unnest(r.refused_callers) as c)))
      from recent),
    'errorBudgets', hdc_error_budget_figures(p_site, now(), p_budget_window_days),
    'lastWeeklyReport', (
      select jsonb_build_object('id', id, 'weekOf', week_of, 'status', status, 'severity', severity, 'generatedAt', generated_at)
      from weekly_report where site_id = p_site order by generated_at desc, id desc limit 1),
    'privacy', hdc_privacy_status(p_site),
    'posture', hdc_ops_posture(p_site))
  into v_summary
  from event_sync_state s
  where s.site_id = p_site;

  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'ops_summary_read', null, v_summary);
  return v_summary;
end $$;
