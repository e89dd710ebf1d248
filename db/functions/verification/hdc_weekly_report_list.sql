-- The stored weekly reports of this site, newest first, with what the trend charts need.
create or replace function hdc_weekly_report_list(p_site hdc_site, p_limit integer)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return coalesce((select jsonb_agg(jsonb_build_object('id', id, 'weekOf', week_of, 'generatedAt', generated_at,
      'generatedBy', generated_by, 'status', status, 'severity', severity,
      'budgets', report -> 'budgets', 'errorRates', report -> 'errorRates') order by generated_at desc, id desc)
    from (select * from weekly_report where site_id = p_site
          order by generated_at desc, id desc limit least(greatest(p_limit, 1), 200)) as r),
    '[]'::jsonb);
end $$;
