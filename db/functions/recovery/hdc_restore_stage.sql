-- A page of a backup's rows for an open restore, as the file's lines ({seq, table, row} as JSON,
-- newline-separated): the database parses and checks them. Sending a page again is harmless (rows
-- are keyed by seq).
create or replace function hdc_restore_stage(p_site hdc_site, p_transfer uuid, p_lines text, p_hold uuid default null)
returns integer
language plpgsql as $$
declare
  v_count integer;
begin
  perform hdc_begin_call(p_site, p_hold);
  update ops_transfer set touched_at = clock_timestamp() where site_id = p_site and id = p_transfer and kind = 'restore';
  if not found then
    raise exception 'No open restore %', p_transfer using errcode = 'HDC01', hint = 'Start the restore again.';
  end if;
  if p_lines is null then
    raise exception 'No rows sent' using errcode = 'HDC04', hint = 'Send the backup file''s lines.';
  end if;
  insert into ops_transfer_row (site_id, transfer_id, seq, table_name, row)
  select p_site, p_transfer, (r ->> 'seq')::bigint, r ->> 'table', r -> 'row'
  from (select line::jsonb as r from unnest(string_to_array(p_lines, E'\n')) as line where line <> '') as staged
  on conflict (transfer_id, seq) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
exception when not_null_violation or check_violation or invalid_text_representation or numeric_value_out_of_range
  or invalid_parameter_value then
  raise exception 'A staged row is malformed: %', sqlerrm using errcode = 'HDC04', hint = 'Each row needs seq, table and row (an object).';
end $$;
