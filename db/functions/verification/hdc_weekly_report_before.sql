-- The report a new one is compared with ("change vs last week"): the latest stored report of an
-- earlier week than p_week_of, or null. A report regenerated in the same week is not last week.
create or replace function hdc_weekly_report_before(p_site hdc_site, p_week_of date)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return (select report || jsonb_build_object('id', id)
          from weekly_report
          where site_id = p_site and week_of < p_week_of
          order by week_of desc, generated_at desc, id desc
          limit 1);
end $$;
