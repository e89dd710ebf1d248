-- Where this site's alerts and reports go ({opsPageId, reportPageId, updatedAt}; nulls when not set).
create or replace function hdc_delivery_settings_json(p_site hdc_site) returns jsonb
language sql stable as $$
  select jsonb_build_object('opsPageId', s.ops_page_id, 'reportPageId', s.report_page_id, 'updatedAt', s.updated_at)
  from (select 1) one left join ops_delivery_setting s on s.site_id = p_site
$$;
