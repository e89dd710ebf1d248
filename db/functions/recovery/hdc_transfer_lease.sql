-- How long staging lives after its last page.
create or replace function hdc_transfer_lease() returns interval
language sql immutable as $$ select interval '2 minutes' $$;
