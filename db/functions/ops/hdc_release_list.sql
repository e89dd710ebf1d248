-- The releases since p_from, oldest first: the trend charts' markers. The database's migrations
-- (hdc_release, source 'migrate': they belong to no site) and this site's installed and upgraded
-- versions (app_release, from the app's lifecycle events).
create or replace function hdc_release_list(p_site hdc_site, p_from timestamptz)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  return coalesce((
    select jsonb_agg(jsonb_build_object('version', version, 'schemaVersion', schema_version, 'source', source,
      'recordedAt', recorded_at) order by recorded_at, source, version)
    from (
      select version, schema_version, source, recorded_at from hdc_release where recorded_at >= p_from
      union all
      select version, null, event, recorded_at from app_release where site_id = p_site and recorded_at >= p_from
    ) r), '[]'::jsonb);
end $$;
