-- Records that a weekly report is published as a Confluence page, audited in the same transaction
-- (the detail counts the people mentioned, never who). Recording it again changes nothing.
create or replace function hdc_report_publish_record(p_site hdc_site, p_report_id bigint, p_page_id text,
  p_mentioned integer, p_at timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_report weekly_report;
begin
  perform hdc_begin_call(p_site);
  if p_at is null or p_page_id is null or p_page_id !~ '^[0-9]{1,20}$' then
    raise exception 'A published report needs its page id and the time' using errcode = 'HDC04',
      hint = 'Call it through the app.';
  end if;
  select * into v_report from weekly_report where site_id = p_site and id = p_report_id for update;
  if v_report.id is null then
    raise exception 'No weekly report %', p_report_id using errcode = 'HDC01', hint = 'Check the report id.';
  end if;
  if v_report.published_at is not null then
    return jsonb_build_object('id', v_report.id, 'pageId', v_report.published_page_id, 'changed', false);
  end if;
  update weekly_report set published_page_id = p_page_id, published_at = p_at where id = v_report.id;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, 'report-publisher', 'report_published', v_report.id::text,
    jsonb_build_object('weekOf', v_report.week_of, 'status', v_report.status, 'pageId', p_page_id, 'mentioned', p_mentioned));
  return jsonb_build_object('id', v_report.id, 'pageId', p_page_id, 'changed', true);
end $$;
