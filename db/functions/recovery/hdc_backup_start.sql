-- A backup's snapshot: every backed-up table of the site copied into ops_transfer_row by ONE
-- statement (one snapshot of the database: a consistent backup while others write), then its
-- manifest (schema version, snapshot time, rows and content hash per table). The caller pages the
-- rows out with hdc_transfer_page and ends with hdc_backup_finish (or hdc_transfer_discard).
create or replace function hdc_backup_start(p_site hdc_site, p_actor text, p_include_telemetry boolean,
  p_hold uuid default null)
returns jsonb
language plpgsql
set timezone to 'UTC'
-- The content hashes sort a site's row hashes: in memory, not on disk.
set work_mem to '64MB'
as $$
declare
  v_transfer uuid;
  v_union text;
  v_tables jsonb;
  v_manifest jsonb;
begin
  perform hdc_begin_call(p_site, p_hold);
  if p_actor is null or length(btrim(p_actor)) = 0 then
    raise exception 'A backup needs the name of who takes it' using errcode = 'HDC04', hint = 'Pass p_actor.';
  end if;
  perform hdc_transfer_sweep(p_site, p_actor);
  insert into ops_transfer (site_id, kind, created_by) values (p_site, 'backup', p_actor) returning id into v_transfer;

  select string_agg(format('select %s as pos, %L as name, to_jsonb(x) - ''site_id'' as row from %I x where x.site_id = $1',
      table_position, table_name, table_name), ' union all ' order by table_position)
  into v_union
  from hdc_backup_tables()
  where p_include_telemetry or not raw_telemetry;
  execute format(
    'insert into ops_transfer_row (site_id, transfer_id, seq, table_name, row)
     select $1, $2, row_number() over (order by pos) - 1, name, row from (%s) as snapshot', v_union)
  using p_site, v_transfer;

  select jsonb_agg(jsonb_build_object('name', t.table_name, 'rows', coalesce(s.rows, 0),
      'contentHash', coalesce(s.hash, hdc_rows_hash('{}'))) order by t.table_position)
  into v_tables
  from hdc_backup_tables() t
  left join (
    select r.table_name, count(*) as rows, hdc_rows_hash(array_agg(md5(r.row::text))) as hash
    from ops_transfer_row r where r.transfer_id = v_transfer group by r.table_name
  ) s using (table_name)
  where p_include_telemetry or not t.raw_telemetry;

  v_manifest := jsonb_build_object(
    'site', p_site,
    'schemaVersion', (select max(version) from hdc_schema_migration),
    'snapshotAt', now(),
    'includesTelemetry', p_include_telemetry,
    'tables', v_tables);
  update ops_transfer set manifest = v_manifest, touched_at = clock_timestamp() where id = v_transfer;
  return jsonb_build_object('transferId', v_transfer, 'manifest', v_manifest);
end $$;
