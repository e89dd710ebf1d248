-- One alert evaluation of this site at p_now, in one round trip (the fiveMinute trigger): the
-- conditions true now (hdc_alert_conditions) open an alert each, or keep their open one (its
-- severity only rises); an open alert whose condition is clear is resolved once it has stayed clear
-- for p_rules.holdMinutes, so a flapping condition keeps one alert. One evaluation of a site at a
-- time (an advisory lock); every change audited, and its one notification queued (hdc_alert_notify),
-- in the same transaction.
-- Returns {evaluatedAt, fired[], escalated[], resolved[], open}.
create or replace function hdc_alert_evaluate(p_site hdc_site, p_now timestamptz, p_rules jsonb, p_actor text)
returns jsonb
language plpgsql as $$
declare
  v_hold constant interval := make_interval(mins => (p_rules ->> 'holdMinutes')::integer);
  v_condition record;
  v_alert ops_alert;
  v_fired jsonb := '[]'::jsonb;
  v_escalated jsonb := '[]'::jsonb;
  v_resolved jsonb := '[]'::jsonb;
  v_seen text[] := '{}';
  v_rises boolean;
begin
  perform hdc_begin_call(p_site);
  if p_now is null or p_rules is null or (p_rules ->> 'holdMinutes') is null then
    raise exception 'An alert evaluation needs the time and the rules' using errcode = 'HDC04',
      hint = 'Call it through the alert service (src/alerts/alert-service.ts), which builds them from the thresholds.';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('hdc_alert_evaluate:' || p_site, 0));

  for v_condition in select * from hdc_alert_conditions(p_site, p_now, p_rules) loop
    v_seen := v_seen || (v_condition.rule || '|' || v_condition.subject);
    select * into v_alert from ops_alert
    where site_id = p_site and rule = v_condition.rule and subject = v_condition.subject and status <> 'resolved'
    for update;
    if v_alert.id is null then
      insert into ops_alert (site_id, rule, subject, severity, title, detail, opened_at, last_seen_at)
      values (p_site, v_condition.rule, v_condition.subject, v_condition.severity, v_condition.title, v_condition.detail, p_now, p_now)
      returning * into v_alert;
      insert into ops_audit_log (site_id, actor, action, subject, detail)
      values (p_site, p_actor, 'alert_fired', v_alert.id::text,
        jsonb_build_object('rule', v_alert.rule, 'subject', v_alert.subject, 'severity', v_alert.severity, 'title', v_alert.title));
      v_fired := v_fired || jsonb_build_object('id', v_alert.id, 'rule', v_alert.rule, 'severity', v_alert.severity, 'title', v_alert.title);
      perform hdc_alert_notify(v_alert, 'fired', p_now);
    else
      v_rises := v_condition.severity < v_alert.severity;
      if v_rises then
        insert into ops_audit_log (site_id, actor, action, subject, detail)
        values (p_site, p_actor, 'alert_escalated', v_alert.id::text,
          jsonb_build_object('from', v_alert.severity, 'to', v_condition.severity, 'title', v_condition.title));
        v_escalated := v_escalated || jsonb_build_object('id', v_alert.id, 'rule', v_alert.rule, 'severity', v_condition.severity,
          'title', v_condition.title);
      end if;
      update ops_alert set last_seen_at = p_now, clear_since = null, title = v_condition.title, detail = v_condition.detail,
        severity = least(severity, v_condition.severity)
      where id = v_alert.id returning * into v_alert;
      if v_rises then
        perform hdc_alert_notify(v_alert, 'escalated', p_now);
      end if;
    end if;
    v_alert := null;
  end loop;

  for v_alert in
    select * from ops_alert
    where site_id = p_site and status <> 'resolved' and not ((rule || '|' || subject) = any (v_seen))
    for update
  loop
    if v_alert.clear_since is null then
      update ops_alert set clear_since = p_now where id = v_alert.id;
    elsif p_now - v_alert.clear_since >= v_hold then
      update ops_alert set status = 'resolved', resolved_at = p_now, resolved_by = p_actor,
        resolution = format('The condition has been clear since %s', to_char(v_alert.clear_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'))
      where id = v_alert.id;
      perform hdc_alert_notify(v_alert, 'resolved', p_now);
      insert into ops_audit_log (site_id, actor, action, subject, detail)
      values (p_site, p_actor, 'alert_resolved', v_alert.id::text,
        jsonb_build_object('rule', v_alert.rule, 'clearSince', v_alert.clear_since, 'by', 'evaluator'));
      v_resolved := v_resolved || jsonb_build_object('id', v_alert.id, 'rule', v_alert.rule, 'severity', v_alert.severity,
        'title', v_alert.title);
    end if;
  end loop;

  return jsonb_build_object('evaluatedAt', p_now, 'fired', v_fired, 'escalated', v_escalated, 'resolved', v_resolved,
    'open', (select count(*) from ops_alert where site_id = p_site and status <> 'resolved'));
end $$;
