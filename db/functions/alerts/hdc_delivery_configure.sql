-- An operator sets where this site's alerts and weekly reports go in Confluence (null clears a page),
-- audited in the same transaction. Returns the settings.
create or replace function hdc_delivery_configure(p_site hdc_site, p_actor text, p_ops_page_id text, p_report_page_id text,
  p_at timestamptz)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor, 'choose where alerts and reports are published');
  if (p_ops_page_id is not null and p_ops_page_id !~ '^[0-9]{1,20}$')
    or (p_report_page_id is not null and p_report_page_id !~ '^[0-9]{1,20}$') then
    raise exception 'A Confluence page id is a number' using errcode = 'HDC04',
      hint = 'Copy the id from the page''s address (…/pages/<id>/…).';
  end if;
  if p_at is null then
    raise exception 'Configuring delivery needs the time' using errcode = 'HDC04', hint = 'Call it through the app.';
  end if;
  insert into ops_delivery_setting (site_id, ops_page_id, report_page_id, updated_at)
  values (p_site, p_ops_page_id, p_report_page_id, p_at)
  on conflict (site_id) do update set ops_page_id = excluded.ops_page_id, report_page_id = excluded.report_page_id,
    updated_at = excluded.updated_at;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'delivery_configured', p_ops_page_id,
    jsonb_build_object('opsPageId', p_ops_page_id, 'reportPageId', p_report_page_id));
  return hdc_delivery_settings_json(p_site);
end $$;
