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
    'operators', coalesce((
      select jsonb_agg(jsonb_build_object('accountId', account_id, 'addedBy', added_by, 'addedAt', added_at)
        order by added_at, account_id)
      from hdc_operator where site_id = p_site), '[]'::jsonb),
    'delivery', hdc_delivery_settings_json(p_site),
    'backups', coalesce((
      select jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'snapshotAt', snapshot_at, 'verifiedAt', verified_at,
          'fileName', file_name, 'bytes', bytes, 'totalRows', total_rows) order by snapshot_at desc, id)
      from (select * from ops_backup where site_id = p_site order by snapshot_at desc, id limit 5) recent), '[]'::jsonb),
    'drills', coalesce((
      select jsonb_agg(jsonb_build_object('id', id, 'ranAt', ran_at, 'passed', passed, 'rtoMs', rto_ms,
          'rpoSeconds', rpo_seconds) order by ran_at desc, id desc)
      from (select * from ops_drill where site_id = p_site order by ran_at desc, id desc limit 5) recent), '[]'::jsonb),
    'privacy', hdc_privacy_status(p_site));
end $$;
