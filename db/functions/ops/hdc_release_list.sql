-- The releases recorded since p_from, oldest first: the trend charts' markers. Releases belong to
-- the database, not to a site; the site is checked as for every call.
create or replace function hdc_release_list(p_site hdc_site, p_from timestamptz)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return coalesce((
    select jsonb_agg(jsonb_build_object('version', version, 'schemaVersion', schema_version, 'source', source,
      'recordedAt', recorded_at) order by recorded_at, id)
    from hdc_release where recorded_at >= p_from), '[]'::jsonb);
end $$;
