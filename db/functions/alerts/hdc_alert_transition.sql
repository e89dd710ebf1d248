-- An operator acknowledges (p_to 'acknowledged') or resolves (p_to 'resolved', with an optional
-- note) one alert of this site, audited in the same transaction. Acknowledging an acknowledged
-- alert changes nothing and says so; p_at is the app's time (its clock); an alert already resolved is read-only (HDC03).
create or replace function hdc_alert_transition(p_site hdc_site, p_actor text, p_alert_id bigint, p_to text, p_note text,
  p_at timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_alert ops_alert;
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor, case when p_to = 'resolved' then 'resolve an alert' else 'acknowledge an alert' end);
  if p_at is null or p_to is null or p_to not in ('acknowledged', 'resolved') then
    raise exception 'An alert moves to acknowledged or resolved, not %', coalesce(p_to, 'nothing') using errcode = 'HDC04',
      hint = 'Acknowledge it, or resolve it.';
  end if;
  if p_note is not null and length(p_note) > 2000 then
    raise exception 'The note is % characters long: at most 2000', length(p_note) using errcode = 'HDC04',
      hint = 'Shorten the note.';
  end if;
  select * into v_alert from ops_alert where site_id = p_site and id = p_alert_id for update;
  if v_alert.id is null then
    raise exception 'No alert % on this site', p_alert_id using errcode = 'HDC01', hint = 'List the alerts to find its id.';
  end if;
  if v_alert.status = 'resolved' then
    raise exception 'Alert % was already resolved', p_alert_id using errcode = 'HDC03',
      hint = 'Nothing to do: a resolved alert stays resolved. If the condition is back, the next evaluation opens a new one.';
  end if;
  if p_to = 'acknowledged' and v_alert.status = 'acknowledged' then
    return hdc_alert_json(v_alert) || jsonb_build_object('changed', false);
  end if;
  if p_to = 'acknowledged' then
    update ops_alert set status = 'acknowledged', acknowledged_at = p_at, acknowledged_by = p_actor
    where id = v_alert.id returning * into v_alert;
  else
    update ops_alert set status = 'resolved', resolved_at = p_at, resolved_by = p_actor,
      resolution = coalesce(nullif(trim(p_note), ''), 'Resolved by an operator')
    where id = v_alert.id returning * into v_alert;
  end if;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, case when p_to = 'resolved' then 'alert_resolved' else 'alert_acknowledged' end, v_alert.id::text,
    jsonb_build_object('rule', v_alert.rule, 'severity', v_alert.severity, 'note', p_note));
  perform hdc_alert_notify(v_alert, p_to, p_at);
  return hdc_alert_json(v_alert) || jsonb_build_object('changed', true);
end $$;
