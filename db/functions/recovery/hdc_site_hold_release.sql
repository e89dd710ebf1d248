-- Ends the hold p_hold took (idempotent: a hold already ended, or taken over after it lapsed, is
-- left alone). Returns whether this call ended it.
create or replace function hdc_site_hold_release(p_site hdc_site, p_hold uuid, p_actor text)
returns boolean
language plpgsql as $$
declare
  v_hold ops_site_hold;
begin
  perform hdc_require_site(p_site);
  delete from ops_site_hold where site_id = p_site and token = p_hold returning * into v_hold;
  if v_hold.token is null then
    return false;
  end if;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, coalesce(p_actor, v_hold.held_by), 'site_released', v_hold.kind,
    jsonb_build_object('since', v_hold.since, 'heldMs', round(extract(epoch from clock_timestamp() - v_hold.since) * 1000)));
  return true;
end $$;
