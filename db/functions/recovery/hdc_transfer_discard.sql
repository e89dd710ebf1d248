-- Drops a backup snapshot or a staged restore that will not be finished (its file could not be
-- written, the restore was refused). Idempotent.
create or replace function hdc_transfer_discard(p_site hdc_site, p_transfer uuid, p_hold uuid default null)
returns boolean
language plpgsql as $$
begin
  perform hdc_begin_call(p_site, p_hold);
  delete from ops_transfer where site_id = p_site and id = p_transfer;
  return found;
end $$;
