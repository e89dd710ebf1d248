-- The app's own lifecycle event for this site (avi:forge:installed:app, avi:forge:upgraded:app): the
-- installation (who installed it, when, the version it runs) and the version as a release of the site
-- (a marker on the trend charts, hdc_release_list). Forge may deliver an event twice: a repeated one
-- changes nothing and is not audited again. The first install seeds nothing. Returns {recorded}.
create or replace function hdc_app_lifecycle(p_site hdc_site, p_event text, p_installation_id text, p_version text,
  p_actor text, p_at timestamptz)
returns jsonb
language plpgsql as $$
declare
  v_now_installed app_installation;
  v_release_new boolean;
  v_installation_new boolean := false;
begin
  perform hdc_begin_call(p_site);
  if p_event is null or p_event not in ('installed', 'upgraded') or p_at is null
     or p_installation_id is null or length(p_installation_id) not between 1 and 200
     or p_version is null or p_version !~ '^[0-9]+\.[0-9]+\.[0-9]+' then
    raise exception 'A lifecycle event needs its kind, installation, version and time' using errcode = 'HDC04',
      hint = 'Only Forge''s avi:forge:installed:app and avi:forge:upgraded:app events are recorded.';
  end if;
  select * into v_now_installed from app_installation where site_id = p_site for update;
  if not found then
    insert into app_installation (site_id, installation_id, installed_at, installed_by, version, updated_at)
    values (p_site, p_installation_id, case when p_event = 'installed' then p_at end,
      case when p_event = 'installed' then p_actor end, p_version, p_at);
    v_installation_new := true;
  elsif p_event = 'installed' and (v_now_installed.installation_id <> p_installation_id or v_now_installed.installed_at is null) then
    -- Installed again (after an uninstall whose data was kept), or the install heard after an upgrade.
    update app_installation set installation_id = p_installation_id, installed_at = p_at, installed_by = p_actor,
      version = p_version, updated_at = p_at
    where site_id = p_site;
    v_installation_new := true;
  elsif v_now_installed.updated_at < p_at and v_now_installed.version is distinct from p_version then
    update app_installation set version = p_version, updated_at = p_at where site_id = p_site;
  end if;
  insert into app_release (site_id, version, event, recorded_at, recorded_by)
  values (p_site, p_version, p_event, p_at, p_actor)
  on conflict (site_id, version) do nothing;
  v_release_new := found;
  if v_release_new or v_installation_new then
    insert into ops_audit_log (site_id, actor, action, subject, detail)
    values (p_site, coalesce(p_actor, 'hdc-ops'), case when p_event = 'installed' then 'app_installed' else 'app_upgraded' end,
      p_version, jsonb_build_object('installationId', p_installation_id));
  end if;
  return jsonb_build_object('recorded', v_release_new or v_installation_new);
end $$;
