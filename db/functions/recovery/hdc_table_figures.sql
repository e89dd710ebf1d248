-- Rows and content hash of one backed-up table's rows of the site as they are now (each row's
-- canonical jsonb without site_id; see hdc_rows_hash), with timestamps printed in UTC whatever the session's zone.
-- Its callers (hdc_site_figures, hdc_restore_apply) pass only tables of hdc_backup_tables(), read
-- once per call; hdc_call does not run it (it has out parameters).
create or replace function hdc_table_figures(p_site hdc_site, p_table text, out rows bigint, out content_hash text)
language plpgsql stable
set timezone to 'UTC'
-- The content hashes sort a site's row hashes: in memory, not on disk.
set work_mem to '64MB'
as $$
begin
  execute format('select count(*), hdc_rows_hash(array_agg(md5((to_jsonb(t) - ''site_id'')::text))) from %I t where t.site_id = $1', p_table)
    into rows, content_hash using p_site;
end $$;
