-- Removes the site's staging that nobody is finishing: a backup or restore touches its transfer on
-- every page, so one untouched for longer than hdc_transfer_lease() was killed or gave up. Called
-- when a backup or restore starts and by the sampler's pruning; audited when it removed something.
create or replace function hdc_transfer_sweep(p_site hdc_site, p_actor text) returns integer
language plpgsql as $$
declare
  v_removed integer;
  v_rows bigint;
begin
  with gone as (
    delete from ops_transfer where site_id = p_site and touched_at < clock_timestamp() - hdc_transfer_lease() returning id
  )
  select count(*) into v_removed from gone;
  if v_removed > 0 then
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, coalesce(p_actor, 'hdc-ops'), 'staging_removed', 'ops_transfer', jsonb_build_object('transfers', v_removed));
  end if;
  return v_removed;
end $$;
