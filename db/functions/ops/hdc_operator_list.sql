-- The HDC operators of this site, by account id.
create or replace function hdc_operator_list(p_site hdc_site) returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return coalesce((select jsonb_agg(jsonb_build_object('accountId', account_id, 'addedBy', added_by, 'addedAt', added_at)
    order by account_id) from hdc_operator where site_id = p_site), '[]'::jsonb);
end $$;
