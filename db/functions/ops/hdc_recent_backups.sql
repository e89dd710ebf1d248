-- The site's latest verified backups, newest first, as readiness, the ops summary and the operators'
-- console show them (one shape: src/contract/operations.ts BackupRecordSchema). p_on_site, not p_site:
-- a helper of operator reads, never called by name through hdc_call.
create or replace function hdc_recent_backups(p_on_site hdc_site, p_limit integer) returns jsonb
language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'kind', kind, 'snapshotAt', snapshot_at,
      'verifiedAt', verified_at, 'fileName', file_name, 'bytes', bytes, 'totalRows', total_rows)
    order by snapshot_at desc, id), '[]'::jsonb)
  from (select * from ops_backup where site_id = p_on_site order by snapshot_at desc, id limit p_limit) recent
$$;
