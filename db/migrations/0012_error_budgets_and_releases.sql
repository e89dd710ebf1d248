-- Error budgets and release markers.
--
-- 1. The releases the database has run, for the trend charts' markers: each migrate that changes the
--    database records the version it brings (the CHANGELOG's) and its schema, in its own transaction.
--    One database serves every site, so a release belongs to no site; a rollback that resets the
--    schema keeps them (the table may be there already).
create table if not exists hdc_release (
  id bigint generated always as identity primary key,
  version text not null check (version ~ '^[0-9]+\.[0-9]+\.[0-9]+'),
  schema_version integer not null check (schema_version > 0),
  source text not null check (source in ('migrate')),
  recorded_at timestamptz not null default now(),
  unique (version, source)
);
alter table hdc_release enable row level security;

-- 2. The ops summary reads the error budgets over the thresholds' window (its signature changes).
drop function if exists hdc_ops_summary(hdc_site, text);
