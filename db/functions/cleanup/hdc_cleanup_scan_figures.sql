-- The weekly report's orphan figures: the counts of the latest scan completed before the report's
-- end (p_to), and those of the latest scan completed before its period began (last week's), for the change.
create or replace function hdc_cleanup_scan_figures(p_site hdc_site, p_before timestamptz, p_to timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_latest cleanup_scan;
  v_previous cleanup_scan;
begin
  perform hdc_begin_call(p_site);
  select * into v_latest from cleanup_scan where site_id = p_site and status = 'complete' and finished_at < p_to order by finished_at desc, id desc limit 1;
  if v_latest.id is null then
    return 'null'::jsonb;
  end if;
  select * into v_previous from cleanup_scan
  where site_id = p_site and status = 'complete' and finished_at < p_before and id <> v_latest.id
  order by finished_at desc, id desc limit 1;
  return jsonb_build_object(
    'scanId', v_latest.id, 'finishedAt', v_latest.finished_at, 'trigger', v_latest.trigger, 'counts', v_latest.result -> 'counts',
    'previous', case when v_previous.id is null then null else jsonb_build_object('scanId', v_previous.id,
      'finishedAt', v_previous.finished_at, 'counts', v_previous.result -> 'counts') end);
end $$;
