-- How long a hold lasts without a call of its holder.
create or replace function hdc_site_hold_lease() returns interval
language sql immutable as $$ select interval '2 minutes' $$;
