-- A scan of this site, locked for the chunk that writes to it; refused when missing, and for a scan
-- an operator started, when the caller is no operator (a scheduled scan has no actor).
create or replace function hdc_cleanup_lock_scan(p_site hdc_site, p_actor text, p_scan_id bigint) returns cleanup_scan
language plpgsql as $$
declare
  v_scan cleanup_scan;
begin
  select * into v_scan from cleanup_scan where site_id = p_site and id = p_scan_id for update;
  if v_scan.id is null then
    raise exception 'No such scan' using errcode = 'HDC01', hint = 'Start a new scan.';
  end if;
  if v_scan.trigger = 'user' then
    perform hdc_require_operator(p_site, p_actor);
  end if;
  return v_scan;
end $$;
