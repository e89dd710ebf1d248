-- Applies a staged restore in ONE transaction: the site's rows of every table in the backup are
-- deleted children first and the staged rows inserted parents first (identity values kept,
-- sequences moved past them); then every table must match the manifest (rows and content hash),
-- or everything rolls back (what was measured, before the restore's own audit row, is returned): a damaged transfer or a column that does not round-trip changes nothing. Audited in the
-- same transaction. A backup without raw telemetry leaves the site's raw telemetry as it is.
create or replace function hdc_restore_apply(p_site hdc_site, p_transfer uuid, p_actor text, p_hold uuid default null)
returns jsonb
language plpgsql
set timezone to 'UTC'
-- The content hashes sort a site's row hashes: in memory, not on disk.
set work_mem to '64MB'
as $$
declare
  v_manifest jsonb;
  v_entry record;
  v_rows bigint;
  v_hash text;
  v_before jsonb := '{}'::jsonb;
  v_tables text[];
  v_columns text;
  v_measured jsonb := '{}'::jsonb;
  v_values text;
begin
  perform hdc_begin_call(p_site, p_hold);
  select manifest into v_manifest from ops_transfer where site_id = p_site and id = p_transfer and kind = 'restore' for update;
  if v_manifest is null then
    raise exception 'No open restore %', p_transfer using errcode = 'HDC01', hint = 'Start the restore again.';
  end if;
  if (v_manifest ->> 'schemaVersion')::integer is distinct from (select max(version) from hdc_schema_migration) then
    raise exception 'The database was migrated while the restore was staged' using errcode = 'HDC05',
      hint = 'Restore with the HDC Ops version that took the backup.';
  end if;
  select array_agg(t.table_name order by t.table_position) into v_tables
  from hdc_backup_tables() t where t.table_name in (select m ->> 'name' from jsonb_array_elements(v_manifest -> 'tables') as m);

  -- 1. Replace: children first out, parents first in.
  for i in reverse coalesce(array_length(v_tables, 1), 0) .. 1 loop
    execute format('with gone as (delete from %I where site_id = $1 returning 1) select count(*) from gone', v_tables[i])
      into v_rows using p_site;
    v_before := v_before || jsonb_build_object(v_tables[i], v_rows);
  end loop;
  for i in 1 .. coalesce(array_length(v_tables, 1), 0) loop
    -- site_id is the parameter (already an hdc_site: not checked again per row), every other column
    -- comes from the staged row.
    select string_agg(quote_ident(attname), ', ' order by attnum), string_agg('p.' || quote_ident(attname), ', ' order by attnum)
    into v_columns, v_values
    from pg_attribute where attrelid = v_tables[i]::regclass and attnum > 0 and not attisdropped and attname <> 'site_id';
    execute format(
      'insert into %I (site_id, %s) overriding system value
       select $1, %s from ops_transfer_row r
       cross join lateral jsonb_populate_record(null::%I, r.row) as p
       where r.transfer_id = $2 and r.table_name = %L order by r.seq', v_tables[i], v_columns, v_values, v_tables[i], v_tables[i])
      using p_site, p_transfer;
    if exists (select 1 from pg_attribute where attrelid = v_tables[i]::regclass and attname = 'id' and attidentity <> '') then
      execute format('select setval(pg_get_serial_sequence(%L, ''id''), greatest((select coalesce(max(id), 0) from %I), 1))',
        v_tables[i], v_tables[i]);
    end if;
  end loop;

  -- 2. What is stored now is what the backup holds, or nothing changes.
  for v_entry in select m ->> 'name' as name, (m ->> 'rows')::bigint as rows, m ->> 'contentHash' as hash
                 from jsonb_array_elements(v_manifest -> 'tables') as m loop
    if not v_entry.name = any (coalesce(v_tables, '{}')) then
      raise exception 'Table % is not one backups hold', v_entry.name using errcode = 'HDC04', hint = 'See hdc_backup_tables().';
    end if;
    select rows, content_hash into v_rows, v_hash from hdc_table_figures(p_site, v_entry.name);
    v_measured := v_measured || jsonb_build_object(v_entry.name, jsonb_build_object('rows', v_rows, 'contentHash', v_hash));
    if v_rows <> v_entry.rows or v_hash <> v_entry.hash then
      raise exception 'After the restore, % holds % rows with hash %, the backup % rows with hash %',
        v_entry.name, v_rows, left(v_hash, 12), v_entry.rows, left(v_entry.hash, 12)
        using errcode = 'HDC05', hint = 'Nothing was changed. Report this with the backup file: a column may not round-trip.';
    end if;
  end loop;

  delete from ops_transfer where id = p_transfer;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'restore_applied', v_manifest ->> 'snapshotAt', jsonb_build_object(
    'rowsBefore', v_before, 'schemaVersion', v_manifest -> 'schemaVersion', 'snapshotAt', v_manifest -> 'snapshotAt'));
  return jsonb_build_object('rowsBefore', v_before,
    'rowsAfter', (select jsonb_object_agg(m ->> 'name', (m ->> 'rows')::bigint) from jsonb_array_elements(v_manifest -> 'tables') as m),
    'measured', v_measured,
    'verified', true);
exception when foreign_key_violation or unique_violation or check_violation or not_null_violation then
  raise exception 'The backup''s rows do not fit this database: %', sqlerrm using errcode = 'HDC04',
    hint = 'Nothing was changed. Restore a file written by hdc-ops backup of this site.';
end $$;
