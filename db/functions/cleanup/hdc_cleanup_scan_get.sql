-- A scan by id, or the latest complete scan of the site (the macro's first view, the weekly report).
create or replace function hdc_cleanup_scan_get(p_site hdc_site, p_actor text, p_scan_id bigint default null)
returns jsonb
language plpgsql as $$
declare
  v_id bigint;
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor);
  if p_scan_id is null then
    select id into v_id from cleanup_scan where site_id = p_site and status = 'complete' order by finished_at desc, id desc limit 1;
    return coalesce(hdc_cleanup_scan_view(v_id), 'null'::jsonb);
  end if;
  select id into v_id from cleanup_scan where site_id = p_site and id = p_scan_id;
  if v_id is null then
    raise exception 'No such scan' using errcode = 'HDC01', hint = 'Start a new scan.';
  end if;
  return hdc_cleanup_scan_view(v_id);
end $$;
