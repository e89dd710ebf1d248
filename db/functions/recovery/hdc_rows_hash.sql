-- The order-independent content hash of a set of rows: SHA-256 over the sorted MD5s of each row's
-- canonical jsonb text (without site_id). The same rows give the same hash in any order, on any
-- Postgres; callers run with TimeZone UTC so that timestamps print alike.
create or replace function hdc_rows_hash(p_row_hashes text[]) returns text
language sql immutable as $$
  select encode(sha256(convert_to(coalesce((select string_agg(h, '' order by h collate "C") from unnest(p_row_hashes) as h), ''), 'UTF8')), 'hex')
$$;
