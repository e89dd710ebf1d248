-- An alert as the app reads it (src/contract/alerts.ts).
create or replace function hdc_alert_json(p_alert ops_alert) returns jsonb
language sql immutable as $$
  select jsonb_build_object('id', p_alert.id, 'rule', p_alert.rule, 'subject', p_alert.subject, 'severity', p_alert.severity,
    'status', p_alert.status, 'title', p_alert.title, 'detail', p_alert.detail, 'openedAt', p_alert.opened_at,
    'lastSeenAt', p_alert.last_seen_at, 'clearSince', p_alert.clear_since, 'acknowledgedAt', p_alert.acknowledged_at,
    'acknowledgedBy', p_alert.acknowledged_by, 'resolvedAt', p_alert.resolved_at, 'resolvedBy', p_alert.resolved_by,
    'resolution', p_alert.resolution, 'incidentPageId', p_alert.incident_page_id)
$$;
