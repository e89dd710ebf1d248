-- What publishing this site's newest weekly report needs, in one round trip: where it goes (the
-- report page, else the operations page), its responders (the site's HDC operators, mentioned on a
-- FAIL) and the report — the newest one generated in the week before p_now that is not published yet
-- (or was generated again since). Null report: nothing to publish. Nothing without an operations page.
create or replace function hdc_report_publish_claim(p_site hdc_site, p_now timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_settings jsonb;
  v_report jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_now is null then
    raise exception 'Publishing needs the time' using errcode = 'HDC04', hint = 'Call it through the app.';
  end if;
  v_settings := hdc_delivery_settings_json(p_site);
  if v_settings ->> 'opsPageId' is not null then
    -- The newest report of the week, unless it is published already (an older one is never published over it).
    select case when r.published_at is null then r.report || jsonb_build_object('id', r.id) end into v_report
    from weekly_report r
    where r.site_id = p_site and r.generated_at > p_now - interval '7 days' and r.generated_at <= p_now
    order by r.generated_at desc, r.id desc limit 1;
  end if;
  return jsonb_build_object(
    'pageId', coalesce(v_settings ->> 'reportPageId', v_settings ->> 'opsPageId'),
    'responders', coalesce((select jsonb_agg(account_id order by account_id) from hdc_operator where site_id = p_site), '[]'::jsonb),
    'report', v_report);
end $$;
