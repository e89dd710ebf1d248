-- The operators' console, for HDC operators only, in one round trip and one read (not audited: it
-- shows no telemetry or backlog, only the operators, where alerts go, the latest backups and drills,
-- and the privacy report's status; the ops summary beside it is audited on its own).
create or replace function hdc_ops_console(p_site hdc_site, p_actor text) returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor, 'open the operators'' console');
  return jsonb_build_object(
    'generatedAt', now(),
    'operators', hdc_operator_list(p_site),
    'delivery', hdc_delivery_settings_json(p_site),
    'backups', hdc_recent_backups(p_site, 5),
    'drills', hdc_recent_drills(p_site, 5),
    'privacy', hdc_privacy_status(p_site));
end $$;
