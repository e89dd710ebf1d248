-- A backup's file was written and read back with a matching checksum: its snapshot is dropped,
-- the backup enters the catalogue (readiness reads the newest one) and is audited, in one transaction.
create or replace function hdc_backup_finish(p_site hdc_site, p_transfer uuid, p_actor text, p_backup jsonb,
  p_hold uuid default null)
returns jsonb
language plpgsql as $$
declare
  v_manifest jsonb;
  v_total bigint;
begin
  perform hdc_begin_call(p_site, p_hold);
  select manifest into v_manifest from ops_transfer where site_id = p_site and id = p_transfer and kind = 'backup' for update;
  if v_manifest is null then
    raise exception 'No backup snapshot %', p_transfer using errcode = 'HDC01', hint = 'Start the backup again.';
  end if;
  select coalesce(sum((t ->> 'rows')::bigint), 0) into v_total from jsonb_array_elements(v_manifest -> 'tables') as t;
  insert into ops_backup (id, site_id, kind, snapshot_at, schema_version, file_name, bytes, total_rows, payload_sha256,
    includes_telemetry, verified_at, created_by)
  values (p_transfer, p_site, p_backup ->> 'kind', (v_manifest ->> 'snapshotAt')::timestamptz, (v_manifest ->> 'schemaVersion')::integer,
    p_backup ->> 'fileName', (p_backup ->> 'bytes')::bigint, v_total, p_backup ->> 'payloadSha256',
    (v_manifest ->> 'includesTelemetry')::boolean, now(), p_actor);
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'backup_taken', p_backup ->> 'fileName', jsonb_build_object(
    'backupId', p_transfer, 'kind', p_backup ->> 'kind', 'rows', v_total, 'bytes', (p_backup ->> 'bytes')::bigint,
    'payloadSha256', p_backup ->> 'payloadSha256', 'snapshotAt', v_manifest ->> 'snapshotAt'));
  delete from ops_transfer where id = p_transfer;
  return jsonb_build_object('backupId', p_transfer, 'totalRows', v_total, 'verifiedAt', now());
exception when check_violation or not_null_violation or invalid_text_representation then
  raise exception 'The backup record is incomplete: %', sqlerrm using errcode = 'HDC04',
    hint = 'Give kind (manual, pre_restore, pre_upgrade, drill), fileName, bytes and payloadSha256.';
end $$;
