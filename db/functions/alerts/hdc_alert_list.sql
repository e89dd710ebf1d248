-- The site's alerts for an HDC operator: the open ones (firing, then acknowledged; the most severe
-- and the oldest first), and with p_include_resolved the latest resolved ones too, at most p_limit.
create or replace function hdc_alert_list(p_site hdc_site, p_actor text, p_include_resolved boolean, p_limit integer)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor, 'read the alerts');
  return coalesce((
    select jsonb_agg(hdc_alert_json(a) order by a.status = 'resolved', a.status = 'acknowledged', a.severity, a.opened_at, a.id)
    from (
      select * from ops_alert
      where site_id = p_site and (status <> 'resolved' or coalesce(p_include_resolved, false))
      order by status = 'resolved', opened_at desc, id desc
      limit least(greatest(coalesce(p_limit, 50), 1), 200)
    ) as a), '[]'::jsonb);
end $$;
