-- One reported page of the privacy report (up to ten requests' accounts), in one transaction: the
-- accounts Atlassian answered `closed` are erased (hdc_privacy_erase_accounts), and the pass moves past
-- the page (p_through_key) with its counts. The last page (p_more false) ends the pass: its time and outcome are kept for the
-- ops summary, audited as `privacy_reported` (counts only). A page recorded after another run moved
-- the pass (p_after_key is no longer where it is, or a pass ended since p_seen_completed_at, the last
-- end the page's run read) still erases, and moves nothing.
-- Returns {erased, advanced, completed}.
create or replace function hdc_privacy_report_record(p_site hdc_site, p_actor text, p_now timestamptz,
  p_seen_completed_at timestamptz, p_after_key text, p_through_key text, p_more boolean, p_reported integer, p_updated integer, p_closed text[])
returns jsonb
language plpgsql as $$
declare
  v_state privacy_report_state;
  v_erased jsonb := jsonb_build_object('erased', 0, 'rows', 0);
  v_outcome jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_now is null or p_more is null or coalesce(p_reported, -1) < 0 or coalesce(p_updated, -1) < 0
     or (p_more and p_through_key is null) then
    raise exception 'A privacy report batch needs its time, counts and where it ends' using errcode = 'HDC04',
      hint = 'Call it through the app.';
  end if;
  if coalesce(array_length(p_closed, 1), 0) > 0 then
    v_erased := hdc_privacy_erase_accounts(p_site, p_closed, p_actor, 'closed');
  end if;
  insert into privacy_report_state (site_id, updated_at) values (p_site, p_now) on conflict (site_id) do nothing;
  select * into v_state from privacy_report_state where site_id = p_site for update;
  if v_state.cursor_key is distinct from p_after_key or v_state.last_completed_at is distinct from p_seen_completed_at then
    return jsonb_build_object('erased', v_erased -> 'erased', 'advanced', false, 'completed', false);
  end if;
  if p_more then
    update privacy_report_state set cursor_key = p_through_key, pass_started_at = coalesce(pass_started_at, p_now),
      reported = reported + p_reported, closed = closed + coalesce(array_length(p_closed, 1), 0),
      updated = updated + p_updated, last_error = null, last_error_at = null, updated_at = p_now
    where site_id = p_site;
    return jsonb_build_object('erased', v_erased -> 'erased', 'advanced', true, 'completed', false);
  end if;
  v_outcome := jsonb_build_object('startedAt', coalesce(v_state.pass_started_at, p_now), 'finishedAt', p_now,
    'reported', v_state.reported + p_reported, 'closed', v_state.closed + coalesce(array_length(p_closed, 1), 0),
    'updated', v_state.updated + p_updated);
  update privacy_report_state set cursor_key = null, pass_started_at = null, reported = 0, closed = 0, updated = 0,
    last_completed_at = p_now, last_outcome = v_outcome, last_error = null, last_error_at = null, updated_at = p_now
  where site_id = p_site;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'privacy_reported', null, v_outcome);
  return jsonb_build_object('erased', v_erased -> 'erased', 'advanced', true, 'completed', true);
end $$;
