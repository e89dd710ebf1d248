-- Retention, in bounded batches (the caller loops while a batch comes back full): deletes at most
-- p_batch rows of this site older than p_before, oldest first, and audits each batch that deleted
-- something in ops_audit_log. p_what:
--   'telemetry': raw rows, of folded hours only and in whole hours (never an hour a fold has still
--     to read); raw_complete_from moves past the hours touched, so a late row there is not folded
--     over a half-pruned hour;
--   'telemetry_rollups': 5-minute bins, then hourly histograms;
--   'idempotent_replies': replies kept for retries.
-- Every call also removes the site's stale staging (hdc_transfer_sweep).
-- Rows are picked through an index in time order and deleted by ctid, so a batch costs the same
-- whatever the table's size.
create or replace function hdc_prune(p_site hdc_site, p_what text, p_before timestamptz, p_batch integer, p_actor text)
returns integer
language plpgsql as $$
declare
  v_epoch constant timestamptz := timestamptz 'epoch';
  v_before timestamptz;
  v_newest timestamptz;
  v_deleted integer;
  v_hours integer;
begin
  perform hdc_begin_call(p_site);
  perform hdc_check_batch_size('batch', p_batch, 50000);
  -- Staging a killed backup or restore left behind goes with every retention pass.
  perform hdc_transfer_sweep(p_site, p_actor);
  if p_what = 'telemetry' then
    select date_bin('1 hour', least(p_before, s.fold_from,
        (select min(hour_start) from telemetry_fold_mark m where m.site_id = p_site)), v_epoch)
    into v_before
    from telemetry_fold_state s where s.site_id = p_site;
    with gone as (
      delete from telemetry_event where ctid = any(array(
        select ctid from telemetry_event where site_id = p_site and recorded_at < v_before order by recorded_at limit p_batch))
      returning recorded_at
    )
    select count(*), max(recorded_at) into v_deleted, v_newest from gone;
    if v_deleted > 0 then
      update telemetry_fold_state
      set raw_complete_from = greatest(raw_complete_from, date_bin('1 hour', v_newest, v_epoch) + interval '1 hour')
      where site_id = p_site;
    end if;
  elsif p_what = 'telemetry_rollups' then
    delete from telemetry_bin where ctid = any(array(
      select ctid from telemetry_bin where site_id = p_site and bin_start < p_before order by bin_start limit p_batch));
    get diagnostics v_deleted = row_count;
    delete from telemetry_latency_hour where ctid = any(array(
      select ctid from telemetry_latency_hour where site_id = p_site and hour_start < p_before
      order by hour_start limit p_batch - v_deleted));
    get diagnostics v_hours = row_count;
    v_deleted := v_deleted + v_hours;
  elsif p_what = 'idempotent_replies' then
    delete from idempotent_reply where ctid = any(array(
      select ctid from idempotent_reply where site_id = p_site and created_at < p_before order by created_at limit p_batch));
    get diagnostics v_deleted = row_count;
  else
    raise exception 'Nothing called "%" is pruned', p_what using errcode = 'HDC04',
      hint = 'Prune telemetry, telemetry_rollups or idempotent_replies.';
  end if;
  if v_deleted > 0 then
    insert into ops_audit_log (site_id, actor, action, detail)
    values (p_site, p_actor, p_what || '_pruned', jsonb_build_object('deleted', v_deleted, 'before', p_before));
  end if;
  return v_deleted;
end $$;
