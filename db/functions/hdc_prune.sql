-- Retention, in bounded batches (the caller loops): deletes at most p_batch rows of this site older
-- than p_before, of telemetry (p_what 'telemetry') or of idempotent replies ('idempotent_replies'),
-- oldest first, and audits each batch that deleted something in ops_audit_log.
create or replace function hdc_prune(p_site hdc_site, p_what text, p_before timestamptz, p_batch integer, p_actor text,
  p_telemetry jsonb default '[]'::jsonb)
returns integer
language plpgsql as $$
declare
  v_deleted integer;
begin
  perform hdc_begin_call(p_site, p_telemetry);
  if p_batch is null or p_batch < 1 or p_batch > 50000 then
    raise exception 'batch must be between 1 and 50000' using errcode = 'HDC04', hint = 'Prune in bounded batches.';
  end if;
  if p_what = 'telemetry' then
    delete from telemetry_event where id in (
      select id from telemetry_event where site_id = p_site and recorded_at < p_before order by recorded_at limit p_batch);
  elsif p_what = 'idempotent_replies' then
    delete from idempotent_reply where (site_id, key) in (
      select site_id, key from idempotent_reply where site_id = p_site and created_at < p_before order by created_at limit p_batch);
  else
    raise exception 'Nothing called "%" is pruned', p_what using errcode = 'HDC04', hint = 'Prune telemetry or idempotent_replies.';
  end if;
  get diagnostics v_deleted = row_count;
  if v_deleted > 0 then
    insert into ops_audit_log (site_id, actor, action, detail)
    values (p_site, p_actor, p_what || '_pruned', jsonb_build_object('deleted', v_deleted, 'before', p_before));
  end if;
  return v_deleted;
end $$;
