-- Takes the site's hold for a restore, a rollback or an erase of the site (p_kind) and returns {token, since, until}. Waits
-- for the site's calls in flight to commit (the advisory lock), then refuses every other call until
-- hdc_site_hold_release or the lease's end. A live hold of another run is a conflict naming it.
-- Staging of the site's other backups and restores is removed: under the hold none of them can go on.
create or replace function hdc_site_hold_take(p_site hdc_site, p_actor text, p_kind text)
returns jsonb
language plpgsql
set lock_timeout to '7s'
as $$
declare
  v_hold ops_site_hold;
  v_removed integer;
begin
  if p_kind is null or p_kind not in ('restore', 'rollback', 'erase') then
    raise exception 'A hold is for a restore, a rollback or an erase, not %', coalesce(p_kind, 'nothing') using errcode = 'HDC04',
      hint = 'Pass p_kind restore, rollback or erase.';
  end if;
  if p_actor is null or length(btrim(p_actor)) not between 1 and 200 then
    raise exception 'A hold needs the name of who takes it' using errcode = 'HDC04', hint = 'Pass p_actor.';
  end if;
  -- A live hold of another run refuses this call here, as it refuses any other.
  perform hdc_begin_call(p_site);
  perform pg_advisory_xact_lock(hdc_site_lock_key(p_site));
  insert into ops_site_hold (site_id, token, kind, held_by, since, until)
  values (p_site, gen_random_uuid(), p_kind, p_actor, clock_timestamp(), clock_timestamp() + hdc_site_hold_lease())
  on conflict (site_id) do update set token = excluded.token, kind = excluded.kind, held_by = excluded.held_by,
    since = excluded.since, until = excluded.until
  returning * into v_hold;
  delete from ops_transfer where site_id = p_site;
  get diagnostics v_removed = row_count;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_actor, 'site_held', p_kind, jsonb_build_object('until', v_hold.until, 'stagingRemoved', v_removed));
  return jsonb_build_object('token', v_hold.token, 'kind', v_hold.kind, 'since', v_hold.since, 'until', v_hold.until);
end $$;
