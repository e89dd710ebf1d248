-- Records how one claimed notification went, audited in the same transaction:
--   {delivered: true, pageId, mentioned, reached, capped, chat}  delivered (the alert keeps its incident
--                                                 page; chat: sent, failed or none);
--   {delivered: false, tried, error}              released for the next run; a notification Confluence
--                                                 refused (tried) p_max_attempts times fails for good
--                                                 (audited as alert_notification_failed). One not tried
--                                                 (Confluence unreachable before it) keeps its attempts.
-- A notification no longer pending (recorded by an earlier try) is left as it is: recording is safe to retry.
create or replace function hdc_alert_delivery_record(p_site hdc_site, p_notification_id bigint, p_outcome jsonb,
  p_now timestamptz, p_max_attempts integer)
returns jsonb
language plpgsql as $$
declare
  v_note ops_alert_notification;
  v_delivered boolean := coalesce((p_outcome ->> 'delivered')::boolean, false);
  v_page text := p_outcome ->> 'pageId';
begin
  perform hdc_begin_call(p_site);
  if p_now is null or p_outcome is null or p_max_attempts is null then
    raise exception 'Recording a delivery needs its outcome and the time' using errcode = 'HDC04',
      hint = 'Call it through the alert delivery (src/alerts/alert-delivery.ts).';
  end if;
  select * into v_note from ops_alert_notification where site_id = p_site and id = p_notification_id for update;
  if v_note.id is null then
    raise exception 'No notification % on this site', p_notification_id using errcode = 'HDC01',
      hint = 'Nothing to record.';
  end if;
  if v_note.status <> 'pending' then
    return jsonb_build_object('id', v_note.id, 'status', v_note.status, 'changed', false);
  end if;
  if v_delivered then
    update ops_alert_notification set status = 'delivered', delivered_at = p_now, claimed_until = null, page_id = v_page,
      attempts = attempts + 1,
      mentioned = coalesce((p_outcome ->> 'mentioned')::integer, 0), capped = coalesce((p_outcome ->> 'capped')::boolean, false),
      reached = coalesce((p_outcome ->> 'reached')::boolean, false),
      last_error = null
    where id = v_note.id returning * into v_note;
    if (p_outcome ->> 'incident')::boolean and v_page is not null then
      update ops_alert set incident_page_id = v_page where site_id = p_site and id = v_note.alert_id and incident_page_id is null;
    end if;
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, 'alert-delivery', 'alert_notified', v_note.alert_id::text,
      jsonb_build_object('notification', v_note.id, 'change', v_note.change, 'severity', v_note.severity, 'pageId', v_page,
        'mentioned', v_note.mentioned, 'capped', v_note.capped, 'chat', coalesce(p_outcome ->> 'chat', 'none')));
  elsif coalesce((p_outcome ->> 'tried')::boolean, true) and v_note.attempts + 1 >= p_max_attempts then
    update ops_alert_notification set status = 'failed', attempts = attempts + 1, claimed_until = null,
      last_error = left(p_outcome ->> 'error', 300)
    where id = v_note.id returning * into v_note;
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, 'alert-delivery', 'alert_notification_failed', v_note.alert_id::text,
      jsonb_build_object('notification', v_note.id, 'change', v_note.change, 'attempts', v_note.attempts, 'error', v_note.last_error));
  else
    update ops_alert_notification set claimed_until = null, last_error = left(p_outcome ->> 'error', 300),
      attempts = attempts + case when coalesce((p_outcome ->> 'tried')::boolean, true) then 1 else 0 end
    where id = v_note.id returning * into v_note;
  end if;
  return jsonb_build_object('id', v_note.id, 'status', v_note.status, 'changed', true);
end $$;
