-- Every site the database holds rows of (`hdc-ops sites list`): its rows per table, its installation
-- (from the lifecycle events), and when it was last active — the newest call or audited change.
-- Forge tells a Forge-hosted app nothing when a site uninstalls it: a site with no activity for
-- p_inactive_days is marked inactive (docs/runbook.md: retention). Not a site's call: for operators
-- with the database's own credentials only (its first argument is not p_site).
create or replace function hdc_sites_overview(p_now timestamptz, p_inactive_days integer)
returns jsonb
language plpgsql stable as $$
declare
  v_union text;
  v_result jsonb;
begin
  select string_agg(format('select site_id::text as site, %L as t, count(*) as n from %I group by site_id', name, name),
    ' union all ' order by name)
  into v_union from hdc_site_tables() as s(name);
  execute format($q$
    with counts as (%s),
    per_site as (select site, jsonb_object_agg(t, n order by t) as tables, sum(n) as total from counts group by site)
    select coalesce(jsonb_agg(jsonb_build_object(
        'site', p.site, 'rows', p.total, 'tables', p.tables, 'installedAt', i.installed_at, 'version', i.version,
        'lastActiveAt', a.at, 'inactive', a.at is null or a.at < $1 - make_interval(days => $2))
      order by p.site), '[]'::jsonb)
    from per_site p
    left join app_installation i on i.site_id = p.site
    left join lateral (
      select max(at) as at from (
        select max(recorded_at) as at from telemetry_event where site_id = p.site and source = 'organic'
        union all select max(bin_start + interval '5 minutes') from telemetry_bin where site_id = p.site and source = 'organic'
        union all select max(created_at) from ops_audit_log where site_id = p.site
        union all select max(created_at) from event_audit_log where site_id = p.site
        union all select max(updated_at) from app_installation where site_id = p.site) t
    ) a on true
  $q$, v_union) into v_result using p_now, p_inactive_days;
  return v_result;
end $$;
