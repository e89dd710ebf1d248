-- The people a site's rows name (every account column of hdc_personal_data_column with a time), each
-- once, with the newest time a row naming them was written: what the privacy report sends. In the
-- order of md5(account id), after p_after_key, at most p_limit; the key is the report's cursor, so the
-- cursor names no one.
create or replace function hdc_personal_accounts(p_site hdc_site, p_after_key text, p_limit integer)
returns table (account_id text, account_key text, updated_at timestamptz)
language plpgsql stable as $$
declare
  v_union text;
begin
  select string_agg(format('select t.%I::text as a, t.%I as at from %I t where t.site_id = $1 and t.%I is not null and (%s)',
      c.column_name, c.updated_column, c.table_name, c.column_name, coalesce(c.rows_where, 'true')),
      ' union all ' order by c.table_name, c.column_name)
  into v_union
  from hdc_personal_data_column c where c.shape = 'account' and c.updated_column is not null;
  return query execute format(
    'select a, md5(a), coalesce(max(at), timestamptz ''epoch'') from (%s) s
     where md5(a) collate "C" > $2 group by a having hdc_is_person(a) order by md5(a) collate "C" limit $3', v_union)
    using p_site, coalesce(p_after_key, ''), p_limit;
end $$;
