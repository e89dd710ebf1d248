-- The site's hold, checked at the start of every call (hdc_begin_call). Every call shares the site's
-- advisory lock until its transaction ends; taking a hold needs it exclusively, so the hold starts
-- only once the calls in flight have committed, and every later call sees it. While a hold is live,
-- a call without its token is refused as transient (HDC08): nothing it would write can be lost to
-- the restore. The holder's calls extend the lease; a holder's call after the lease ended is refused
-- (others may have written meanwhile: what it staged no longer describes the site).
create or replace function hdc_site_hold_check(p_site hdc_site, p_hold uuid) returns void
language plpgsql as $$
declare
  v_hold ops_site_hold;
begin
  perform pg_advisory_xact_lock_shared(hdc_site_lock_key(p_site));
  select * into v_hold from ops_site_hold where site_id = p_site;
  if p_hold is not null then
    if v_hold.token is distinct from p_hold or v_hold.until <= clock_timestamp() then
      raise exception 'This % no longer holds site % (its hold was released, or lapsed after % s without a call)',
        coalesce(v_hold.kind, 'restore'), p_site, extract(epoch from hdc_site_hold_lease())::integer
        using errcode = 'HDC05', hint = 'Nothing more was changed by this step. Run it again: it takes a new hold and a new pre-restore backup.';
    end if;
    update ops_site_hold set until = clock_timestamp() + hdc_site_hold_lease() where site_id = p_site;
  elsif v_hold.until > clock_timestamp() then
    raise exception 'A % of this site is in progress (run by %, since % UTC); try again in a minute',
      v_hold.kind, v_hold.held_by, to_char(v_hold.since at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')
      using errcode = 'HDC08',
      hint = format('Nothing was changed. The site''s calls are held until the %s ends (at the latest %s UTC, unless it goes on).',
        v_hold.kind, to_char(v_hold.until at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'));
  end if;
end $$;
