-- Stores a weekly report of this site with its audit row and returns it with its id. With an
-- idempotency key, a retry returns the report the first request stored instead of a second one.
-- p_person: the account of a person generating it (report.generate), who must be an HDC operator
-- when the report is stored; null when the app's schedule or an operator's CLI generates it.
create or replace function hdc_store_weekly_report(p_site hdc_site, p_report jsonb, p_idempotency_key uuid default null,
  p_person text default null)
returns jsonb
language plpgsql as $$
declare
  v_id bigint;
  v_reply jsonb;
begin
  perform hdc_begin_call(p_site);
  if p_person is not null then
    perform hdc_require_operator(p_site, p_person, 'generate a weekly report');
  end if;
  v_reply := hdc_claim_idempotency_key(p_site, p_idempotency_key, 'report.generate', p_report ->> 'generatedBy', null);
  if v_reply is not null then
    return v_reply;
  end if;
  insert into weekly_report (site_id, week_of, period_start, period_end, generated_at, generated_by, status, severity, report)
  values (p_site, (p_report ->> 'weekOf')::date, (p_report ->> 'periodStart')::timestamptz, (p_report ->> 'periodEnd')::timestamptz,
    (p_report ->> 'generatedAt')::timestamptz, p_report ->> 'generatedBy', p_report ->> 'status', p_report ->> 'severity',
    p_report)
  returning id into v_id;
  insert into ops_audit_log (site_id, actor, action, subject, detail)
  values (p_site, p_report ->> 'generatedBy', 'report_generated', v_id::text,
    jsonb_build_object('weekOf', p_report ->> 'weekOf', 'status', p_report ->> 'status'));
  return hdc_keep_idempotent_reply(p_site, p_idempotency_key, p_report || jsonb_build_object('id', v_id));
end $$;
