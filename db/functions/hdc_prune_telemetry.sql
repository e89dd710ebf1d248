-- Telemetry retention: deletes at most p_batch rows of this site recorded before p_before (the
-- caller loops), audited in ops_audit_log.
create or replace function hdc_prune_telemetry(p_site hdc_site, p_before timestamptz, p_batch integer, p_actor text,
  p_telemetry jsonb default '[]'::jsonb)
returns integer
language plpgsql as $$
declare
  v_deleted integer;
begin
  perform hdc_require_site(p_site);
  if p_batch is null or p_batch < 1 or p_batch > 50000 then
    raise exception 'batch must be between 1 and 50000' using errcode = 'HDC04', hint = 'Prune in bounded batches.';
  end if;
  delete from telemetry_event where id in (
    select id from telemetry_event where site_id = p_site and recorded_at < p_before order by recorded_at limit p_batch);
  get diagnostics v_deleted = row_count;
  if v_deleted > 0 then
    insert into ops_audit_log (site_id, actor, action, detail)
    values (p_site, p_actor, 'telemetry_pruned', jsonb_build_object('deleted', v_deleted, 'before', p_before));
  end if;
  -- After the delete, so the pruned window never swallows the telemetry this call carries.
  perform hdc_record_telemetry(p_site, p_telemetry);
  return v_deleted;
end $$;
