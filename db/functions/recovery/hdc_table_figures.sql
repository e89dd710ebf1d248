-- Rows and content hash of one backed-up table's rows of the site as they are now (each row's
-- canonical jsonb without site_id; see hdc_rows_hash), with timestamps printed in UTC whatever the session's zone.
create or replace function hdc_table_figures(p_site hdc_site, p_table text, out rows bigint, out content_hash text)
language plpgsql stable
set timezone to 'UTC'
-- The content hashes sort a site's row hashes: in memory, not on disk.
set work_mem to '64MB'
as $$
begin
  if p_table not in (select table_name from hdc_backup_tables()) then
    raise exception 'Table % is not one backups hold', p_table using errcode = 'HDC04', hint = 'See hdc_backup_tables().';
  end if;
  execute format('select count(*), hdc_rows_hash(array_agg(md5((to_jsonb(t) - ''site_id'')::text))) from %I t where t.site_id = $1', p_table)
    into rows, content_hash using p_site;
end $$;
