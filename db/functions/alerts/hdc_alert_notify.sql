-- Queues the one notification of an alert's state change, in the transaction of the change (called by
-- hdc_alert_evaluate and hdc_alert_transition only). A change already queued is not queued again, so a
-- retried or concurrent change notifies once.
create or replace function hdc_alert_notify(p_alert ops_alert, p_change text, p_at timestamptz) returns void
language sql as $$
  insert into ops_alert_notification (site_id, alert_id, change, severity, created_at)
  values (p_alert.site_id, p_alert.id, p_change, p_alert.severity, p_at)
  on conflict (site_id, alert_id, change, severity) do nothing
$$;
