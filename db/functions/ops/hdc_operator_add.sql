-- Makes an account an HDC operator of this site; audited in ops_audit_log.
create or replace function hdc_operator_add(p_site hdc_site, p_account text, p_actor text)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  if exists (select 1 from hdc_operator where site_id = p_site and account_id = p_account) then
    raise exception 'This account is already an HDC operator' using errcode = 'HDC04',
      hint = 'Nothing to do. `hdc-ops operator list` shows the operators.';
  end if;
  insert into hdc_operator (site_id, account_id, added_by) values (p_site, p_account, p_actor);
  insert into ops_audit_log (site_id, actor, action, subject) values (p_site, p_actor, 'operator_added', p_account);
  return hdc_operator_list(p_site);
end $$;
