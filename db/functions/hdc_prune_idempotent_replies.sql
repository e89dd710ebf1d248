-- Idempotent replies are kept long enough to cover any retry of the same action (the sampler
-- passes a day); this deletes at most p_batch of this site's older ones, audited in ops_audit_log.
create or replace function hdc_prune_idempotent_replies(p_site hdc_site, p_before timestamptz, p_batch integer, p_actor text,
  p_telemetry jsonb default '[]'::jsonb)
returns integer
language plpgsql as $$
declare
  v_deleted integer;
begin
  perform hdc_require_site(p_site);
  perform hdc_record_telemetry(p_site, p_telemetry);
  if p_batch is null or p_batch < 1 or p_batch > 50000 then
    raise exception 'batch must be between 1 and 50000' using errcode = 'HDC04', hint = 'Prune in bounded batches.';
  end if;
  delete from idempotent_reply where (site_id, key) in (
    select site_id, key from idempotent_reply where site_id = p_site and created_at < p_before order by created_at limit p_batch);
  get diagnostics v_deleted = row_count;
  if v_deleted > 0 then
    insert into ops_audit_log (site_id, actor, action, detail)
    values (p_site, p_actor, 'idempotent_replies_pruned', jsonb_build_object('deleted', v_deleted, 'before', p_before));
  end if;
  return v_deleted;
end $$;
