-- The statement hdc_call runs: `select to_jsonb(p_fn(p_site => $1, p_x => ($2 ->> 'p_x')::type, …))`,
-- each argument typed from the function's signature in the catalog (jsonb as is, arrays element by
-- element, JSON null as SQL null), so callers name arguments exactly as the function does. Only an
-- HDC function of this schema that takes p_site, with no overload, and only arguments it declares.
create or replace function hdc_call_statement(p_fn text, p_args jsonb) returns text
language plpgsql stable as $$
declare
  v_proc record;
  v_arguments text;
  v_unknown text;
begin
  -- One catalog read a call: the function, and how many have its name.
  select p.*, count(*) over () as found into v_proc
  from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.proname = p_fn limit 1;
  if p_fn is null or p_fn !~ '^hdc_[a-z0-9_]+$' or p_fn = 'hdc_call' or coalesce(v_proc.found, 0) <> 1 then
    raise exception 'No HDC function % to call', coalesce(p_fn, '(none)') using errcode = '42883',
      hint = case when v_proc.found > 1 then 'More than one function has this name: run the migrations (hdc-ops migrate).'
                  else 'Run the migrations (hdc-ops migrate), or check the function name.' end;
  end if;
  if v_proc.proargmodes is not null or v_proc.proretset or coalesce(v_proc.proargnames[1], '') <> 'p_site' then
    raise exception 'HDC function % is not called through hdc_call', p_fn using errcode = '42883',
      hint = 'Only functions whose first argument is p_site and that return one value are called by the app.';
  end if;
  select string_agg(key, ', ') into v_unknown from jsonb_object_keys(p_args) as key
  where key = 'p_site' or not key = any (v_proc.proargnames);
  if v_unknown is not null then
    raise exception 'HDC function % takes no argument %', p_fn, v_unknown using errcode = '42883',
      hint = 'Name each argument as the function declares it (p_site is given by the call).';
  end if;
  select string_agg(format('%I => %s', a.name, case
      when a.name = 'p_site' then '$1'
      when a.type = 'jsonb'::regtype then format('nullif($2 -> %L, %L::jsonb)', a.name, 'null')
      when t.typcategory = 'A' then format('case when jsonb_typeof($2 -> %1$L) = %2$L then array(select jsonb_array_elements_text($2 -> %1$L))::%3$s end',
        a.name, 'array', format_type(a.type, null))
      else format('($2 ->> %L)::%s', a.name, format_type(a.type, null)) end), ', ' order by a.position)
  into v_arguments
  from unnest(v_proc.proargnames, v_proc.proargtypes::oid[]) with ordinality as a(name, type, position)
  join pg_type t on t.oid = a.type
  where a.name = 'p_site' or p_args ? a.name;
  if v_proc.prorettype = 'void'::regtype then
    return format('select null::jsonb from %I(%s)', p_fn, v_arguments);
  end if;
  return format('select to_jsonb(%I(%s))', p_fn, v_arguments);
end $$;
