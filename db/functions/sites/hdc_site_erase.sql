-- Every row of one site, gone in one transaction (`hdc-ops site erase`), under the site's hold
-- (p_hold: an erase hold, taken after its final backup was written and verified): each site table
-- emptied of the site in foreign-key order, then counted again — any row left rolls it all back. The
-- erasure is logged in hdc_site_erasure, which belongs to no site. Returns {rows, tables}.
create or replace function hdc_site_erase(p_site hdc_site, p_hold uuid, p_actor text, p_backup jsonb)
returns jsonb
language plpgsql as $$
declare
  v_table record;
  v_count bigint;
  v_rows bigint := 0;
  v_tables jsonb := '{}'::jsonb;
begin
  perform hdc_begin_call(p_site, p_hold);
  if not exists (select 1 from ops_site_hold where site_id = p_site and token = p_hold and kind = 'erase') then
    raise exception 'Erasing a site needs its erase hold' using errcode = 'HDC05',
      hint = 'Run hdc-ops site erase: it holds the site and takes the final backup first.';
  end if;
  if p_actor is null or length(btrim(p_actor)) not between 1 and 200
     or coalesce(p_backup ->> 'file', '') = '' or coalesce(p_backup ->> 'sha256', '') !~ '^[0-9a-f]{64}$' then
    raise exception 'Erasing a site needs who erases it and its final backup' using errcode = 'HDC04',
      hint = 'Run hdc-ops site erase: it takes the final backup first.';
  end if;
  for v_table in select table_name from hdc_site_tables_by_depth() order by depth desc, table_name loop
    execute format('delete from %I where site_id = $1', v_table.table_name) using p_site;
    get diagnostics v_count = row_count;
    v_rows := v_rows + v_count;
    if v_count > 0 then v_tables := v_tables || jsonb_build_object(v_table.table_name, v_count); end if;
  end loop;
  for v_table in select table_name from hdc_site_tables_by_depth() loop
    execute format('select count(*) from %I where site_id = $1', v_table.table_name) into v_count using p_site;
    if v_count > 0 then
      raise exception 'Site % still has % rows in % after its erase', p_site, v_count, v_table.table_name
        using errcode = 'HDC05', hint = 'Nothing was erased. Run it again.';
    end if;
  end loop;
  insert into hdc_site_erasure (site_id, erased_at, run_as, rows_erased, tables, backup_file, backup_sha256)
  values (p_site, clock_timestamp(), p_actor, v_rows, v_tables, p_backup ->> 'file', p_backup ->> 'sha256');
  return jsonb_build_object('rows', v_rows, 'tables', v_tables);
end $$;
