-- One page of a backup snapshot's rows, in order: rows with seq above p_after_seq, as the file's
-- lines ({seq, table, row} as JSON, newline-separated), so the caller writes them without parsing
-- them: {text, rows, lastSeq}.
create or replace function hdc_transfer_page(p_site hdc_site, p_transfer uuid, p_after_seq bigint, p_limit integer,
  p_hold uuid default null)
returns jsonb
language plpgsql as $$
declare
  v_rows jsonb;
begin
  perform hdc_begin_call(p_site, p_hold);
  update ops_transfer set touched_at = clock_timestamp() where site_id = p_site and id = p_transfer and kind = 'backup';
  if not found then
    raise exception 'No backup snapshot %', p_transfer using errcode = 'HDC01',
      hint = 'A snapshot ends with its backup, or two minutes after its last page; start the backup again.';
  end if;
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'Page size % is not between 1 and 10000', p_limit using errcode = 'HDC04', hint = 'Ask for at most 10000 rows.';
  end if;
  select jsonb_build_object(
      'text', coalesce(string_agg(jsonb_build_object('seq', seq, 'table', table_name, 'row', row)::text, E'\n' order by seq), ''),
      'rows', count(*),
      'lastSeq', max(seq))
  into v_rows
  from (
    select seq, table_name, row from ops_transfer_row
    where transfer_id = p_transfer and seq > coalesce(p_after_seq, -1)
    order by seq limit p_limit
  ) as page;
  return v_rows;
end $$;
