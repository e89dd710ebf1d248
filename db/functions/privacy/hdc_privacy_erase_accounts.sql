-- Erases people from every table of one site (hdc_personal_data_column), in the caller's transaction:
-- each account of p_accounts that a row names takes one pseudonym (hdc_pseudonym) wherever it
-- appears — account columns, telemetry's caller keys (hdc_caller_key of the pseudonym, so counts of
-- people stay), JSON documents — except where its role ends (remove_row: event admin, HDC operator,
-- the users row). Free text they wrote stays, attributed to the pseudonym. A cleanup plan they made
-- is sealed again over its new author. Each erased account is audited as `account_erased` with its
-- pseudonym, never its id. One erasure per site at a time (an advisory lock), so two runs erasing
-- the same person at once erase it once. Returns {erased, rows, pseudonyms}. Its first argument is not
-- p_site, so hdc_call never runs it: only the report and an operator's erasure do, after their checks.
create or replace function hdc_privacy_erase_accounts(p_on_site hdc_site, p_accounts text[], p_actor text, p_reason text)
returns jsonb
language plpgsql as $$
declare
  v_from text[];
  v_to text[];
  v_from_keys text[];
  v_to_keys text[];
  v_patterns text[];
  v_column record;
  v_json record;
  v_set text;
  v_where text;
  v_touched text[] := '{}';
  v_changed text[];
  v_count bigint;
  v_rows bigint := 0;
begin
  if exists (select 1 from unnest(p_accounts) a where a is null or a !~ '^[A-Za-z0-9:_-]{1,128}$') then
    raise exception 'An account id to erase is malformed' using errcode = 'HDC04',
      hint = 'An Atlassian account id holds letters, digits, colons, dashes and underscores only.';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('hdc-privacy-erase:' || p_on_site, 0));
  select array_agg(a order by a), array_agg(hdc_pseudonym() order by a),
         array_agg(hdc_caller_key(p_on_site, a) order by a)
  into v_from, v_to, v_from_keys
  from (select distinct a from unnest(p_accounts) a where hdc_is_person(a)) s;
  if v_from is null then
    return jsonb_build_object('erased', 0, 'rows', 0, 'pseudonyms', '[]'::jsonb);
  end if;
  select array_agg(hdc_caller_key(p_on_site, p) order by ord) into v_to_keys from unnest(v_to) with ordinality t(p, ord);
  select array_agg('%"' || a || '"%') into v_patterns from unnest(v_from) a;

  -- The pseudonyms of people with a users row get one, so rows that refer to users (hack owners) stay valid.
  insert into users (site_id, account_id, created_at)
  select p_on_site, m.p, u.created_at from users u join unnest(v_from, v_to) m(a, p) on m.a = u.account_id
  where u.site_id = p_on_site;

  for v_column in select * from hdc_personal_data_column order by erase_order, table_name, column_name loop
    if v_column.shape = 'account' and v_column.on_erase = 'remove_row' then
      execute format('with gone as (delete from %I t where t.site_id = $1 and t.%I = any($2) returning t.%I::text as a)
        select array_agg(distinct m.p), count(*) from gone join unnest($2, $3) m(a, p) on m.a = gone.a',
        v_column.table_name, v_column.column_name, v_column.column_name)
      into v_changed, v_count using p_on_site, v_from, v_to;
    elsif v_column.shape = 'account' then
      execute format('with changed as (update %I t set %I = m.p from unnest($2, $3) m(a, p)
          where t.site_id = $1 and t.%I = m.a and (%s) returning m.p)
        select array_agg(distinct p), count(*) from changed',
        v_column.table_name, v_column.column_name, v_column.column_name, coalesce(v_column.rows_where, 'true'))
      into v_changed, v_count using p_on_site, v_from, v_to;
    elsif v_column.shape = 'caller_key' then
      execute format('with changed as (update %I t set %I = m.pk from unnest($2, $3, $4) m(k, pk, p)
          where t.site_id = $1 and t.%I = m.k returning m.p)
        select array_agg(distinct p), count(*) from changed',
        v_column.table_name, v_column.column_name, v_column.column_name)
      into v_changed, v_count using p_on_site, v_from_keys, v_to_keys, v_to;
    elsif v_column.shape = 'caller_keys' then
      execute format('update %I t set %I = array(select coalesce(m.pk, c) from unnest(t.%I) with ordinality u(c, ord)
          left join unnest($2, $3) m(k, pk) on m.k = u.c order by u.ord)
        where t.site_id = $1 and t.%I && $2',
        v_column.table_name, v_column.column_name, v_column.column_name, v_column.column_name)
      using p_on_site, v_from_keys, v_to_keys;
      get diagnostics v_count = row_count;
      v_changed := null;
    else
      -- JSON documents: below, one scan per table for all of its documents.
      continue;
    end if;
    v_rows := v_rows + v_count;
    v_touched := v_touched || coalesce(v_changed, '{}');
  end loop;

  -- JSON documents, one scan per table for all of its registered documents: LIKE finds the rows (a
  -- regular expression with one branch per account is several times slower), the exact JSON strings are
  -- replaced in those rows only. (An account id's '_' matches any character in LIKE: a row found so
  -- but not naming anyone is written unchanged.)
  for v_json in select table_name, array_agg(column_name::text order by column_name) as columns
                from hdc_personal_data_column where shape = 'json' group by table_name order by table_name loop
    select string_agg(format('%I = case when t.%I::text like any($4) then hdc_json_pseudonymised(t.%I, $2, $3) else t.%I end',
             c, c, c, c), ', '),
           string_agg(format('t.%I::text like any($4)', c), ' or ')
    into v_set, v_where from unnest(v_json.columns) c;
    execute format('update %I t set %s where t.site_id = $1 and (%s)', v_json.table_name, v_set, v_where)
    using p_on_site, v_from, v_to, v_patterns;
    get diagnostics v_count = row_count;
    v_rows := v_rows + v_count;
  end loop;

  -- A pseudonym users row nothing refers to (its person owned no hack) is not kept.
  delete from users u where u.site_id = p_on_site and u.account_id = any(v_to)
    and not exists (select 1 from hack h where h.site_id = p_on_site and h.owner_account_id = u.account_id);
  update cleanup_plan set hash = hdc_cleanup_plan_seal(id) where site_id = p_on_site and created_by = any(v_to);

  select array_agg(distinct p order by p) into v_touched from unnest(v_touched) p;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  select p_on_site, p_actor, 'account_erased', p, jsonb_build_object('reason', p_reason)
  from unnest(coalesce(v_touched, '{}')) p;
  return jsonb_build_object('erased', coalesce(array_length(v_touched, 1), 0), 'rows', v_rows,
    'pseudonyms', to_jsonb(coalesce(v_touched, '{}')));
end $$;
