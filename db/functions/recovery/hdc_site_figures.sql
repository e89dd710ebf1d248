-- Rows and content hash of each of the site's backed-up tables as they are now: the dry-run of a
-- restore, the verification after one, and the drill's parity check.
create or replace function hdc_site_figures(p_site hdc_site, p_hold uuid default null) returns jsonb
language plpgsql as $$
declare
  v_table text;
  v_rows bigint;
  v_hash text;
  v_result jsonb := '{}'::jsonb;
begin
  perform hdc_begin_call(p_site, p_hold);
  for v_table in select table_name from hdc_backup_tables() order by table_position loop
    select rows, content_hash into v_rows, v_hash from hdc_table_figures(p_site, v_table);
    v_result := v_result || jsonb_build_object(v_table, jsonb_build_object('rows', v_rows, 'contentHash', v_hash));
  end loop;
  return jsonb_build_object('schemaVersion', (select max(version) from hdc_schema_migration), 'tables', v_result);
end $$;
