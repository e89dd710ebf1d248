-- The advisory lock key of a site's hold (one per site; another site's calls never wait on it).
create or replace function hdc_site_lock_key(p_site hdc_site) returns bigint
language sql immutable as $$ select hashtextextended('hdc-site-hold:' || p_site, 0) $$;
