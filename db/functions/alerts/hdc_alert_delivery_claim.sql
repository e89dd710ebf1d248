-- Claims up to p_limit of this site's pending notifications for one delivery run, oldest first, for
-- p_lease_seconds (a second deliverer skips them: skip locked, then the lease). Returns what the run
-- needs in one round trip: the settings, the on-call operators (the site's HDC operators), how many
-- notifications reached people in the last hour (the cap: mentions or the chat webhook), the claimed notifications with their
-- alerts, and the open alerts (the standing page's table). Without an operations page nothing is
-- claimed: the notifications wait (held) and no request leaves.
create or replace function hdc_alert_delivery_claim(p_site hdc_site, p_now timestamptz, p_limit integer,
  p_lease_seconds integer)
returns jsonb
language plpgsql as $$
declare
  v_settings jsonb;
  v_claimed jsonb := '[]'::jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_now is null or p_limit is null or p_limit not between 1 and 100 or p_lease_seconds is null
    or p_lease_seconds not between 10 and 900 then
    raise exception 'A delivery claim needs the time, 1 to 100 notifications and a lease of 10 to 900 s'
      using errcode = 'HDC04', hint = 'Call it through the alert delivery (src/alerts/alert-delivery.ts).';
  end if;
  v_settings := hdc_delivery_settings_json(p_site);
  if v_settings ->> 'opsPageId' is not null then
    with claimable as (
      select n.id from ops_alert_notification n
      where n.site_id = p_site and n.status = 'pending' and (n.claimed_until is null or n.claimed_until <= p_now)
      order by n.id limit p_limit
      for update skip locked
    ), claimed as (
      update ops_alert_notification n
      set claimed_until = p_now + make_interval(secs => p_lease_seconds)
      from claimable c where n.id = c.id
      returning n.*
    )
    select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'change', c.change, 'severity', c.severity,
        'createdAt', c.created_at, 'attempts', c.attempts,
        'alert', hdc_alert_json(a)) order by c.id), '[]'::jsonb)
    into v_claimed
    from claimed c join ops_alert a on a.site_id = c.site_id and a.id = c.alert_id;
  end if;
  return jsonb_build_object(
    'settings', v_settings,
    'onCall', coalesce((select jsonb_agg(account_id order by account_id) from hdc_operator where site_id = p_site), '[]'::jsonb),
    'reachedLastHour', (select count(*) from ops_alert_notification
      where site_id = p_site and status = 'delivered' and reached and delivered_at > p_now - interval '1 hour'),
    'held', case when v_settings ->> 'opsPageId' is null
      then (select count(*) from ops_alert_notification where site_id = p_site and status = 'pending') else 0 end,
    'notifications', v_claimed,
    'openAlerts', coalesce((select jsonb_agg(hdc_alert_json(a) order by a.severity, a.opened_at) from ops_alert a where a.site_id = p_site and a.status <> 'resolved'), '[]'::jsonb));
end $$;
