-- A stored weekly report of this site by id, or its latest when p_id is null.
create or replace function hdc_weekly_report_get(p_site hdc_site, p_id bigint)
returns jsonb
language plpgsql as $$
declare
  v_report jsonb;
begin
  perform hdc_begin_call(p_site);
  select report || jsonb_build_object('id', id) into v_report
  from weekly_report
  where site_id = p_site
    and id = coalesce(p_id, (select id from weekly_report where site_id = p_site order by generated_at desc, id desc limit 1));
  if v_report is null then
    raise exception 'No weekly report found' using errcode = 'HDC01',
      hint = case when p_id is null then 'An HDC operator generates one with Generate now in the weekly report, or the weekly schedule does.' else 'Check the report id.' end;
  end if;
  return v_report;
end $$;
