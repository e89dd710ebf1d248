-- Opens a restore: checks the backup's manifest against this database (its site, its schema
-- version, its table list) before any row is sent. Rows follow with hdc_restore_stage; nothing of
-- the site changes until hdc_restore_apply.
create or replace function hdc_restore_begin(p_site hdc_site, p_actor text, p_manifest jsonb,
  p_hold uuid default null)
returns uuid
language plpgsql as $$
declare
  v_transfer uuid;
  v_version integer := (select max(version) from hdc_schema_migration);
  v_unknown text;
begin
  perform hdc_begin_call(p_site, p_hold);
  if p_manifest is null or jsonb_typeof(p_manifest -> 'tables') is distinct from 'array' then
    raise exception 'The backup has no manifest of tables' using errcode = 'HDC04', hint = 'Restore a file written by hdc-ops backup.';
  end if;
  if p_manifest ->> 'site' is distinct from p_site then
    raise exception 'The backup is of site %, not of %', p_manifest ->> 'site', p_site using errcode = 'HDC04',
      hint = 'Restore it with --site set to the site it was taken from.';
  end if;
  if (p_manifest ->> 'schemaVersion')::integer is distinct from v_version then
    raise exception 'The backup has schema version %, this database %', p_manifest ->> 'schemaVersion', v_version using errcode = 'HDC04',
      hint = 'Restore with the HDC Ops version that took the backup (hdc-ops rollback --backup FILE resets a newer schema).';
  end if;
  select t ->> 'name' into v_unknown from jsonb_array_elements(p_manifest -> 'tables') as t
  where t ->> 'name' not in (select table_name from hdc_backup_tables()) limit 1;
  if v_unknown is not null then
    raise exception 'The backup names table %, which backups do not hold', v_unknown using errcode = 'HDC04',
      hint = 'Restore a file written by hdc-ops backup.';
  end if;
  perform hdc_transfer_sweep(p_site, p_actor);
  insert into ops_transfer (site_id, kind, created_by, manifest) values (p_site, 'restore', p_actor, p_manifest) returning id into v_transfer;
  return v_transfer;
end $$;
