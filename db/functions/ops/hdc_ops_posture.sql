-- What readiness and the ops summary both read about the database's own operations: the schema
-- version, the latest scheduled runs per job, the newest verified backup, the latest drill.
create or replace function hdc_ops_posture(p_site hdc_site) returns jsonb
language sql stable as $$
  select jsonb_build_object(
    'schemaVersion', (select max(version) from hdc_schema_migration),
    'scheduledRuns', coalesce((
      select jsonb_object_agg(job, jsonb_build_object('lastRunAt', last_run, 'lastStatus', last_status, 'lastOkAt', last_ok))
      from (
        select job,
          max(finished_at) as last_run,
          (array_agg(status order by finished_at desc, id desc))[1] as last_status,
          max(finished_at) filter (where status = 'ok') as last_ok
        from scheduled_run where site_id = p_site group by job
      ) as jobs), '{}'::jsonb),
    'newestBackup', hdc_recent_backups(p_site, 1) -> 0,
    'lastDrill', hdc_recent_drills(p_site, 1) -> 0)
$$;
