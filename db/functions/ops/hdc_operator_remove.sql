-- Removes an HDC operator of this site; audited in ops_audit_log.
create or replace function hdc_operator_remove(p_site hdc_site, p_account text, p_actor text)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  delete from hdc_operator where site_id = p_site and account_id = p_account;
  if not found then
    raise exception 'This account is not an HDC operator' using errcode = 'HDC01',
      hint = 'Check the account id with `hdc-ops operator list`.';
  end if;
  insert into ops_audit_log (site_id, actor, action, subject) values (p_site, p_actor, 'operator_removed', p_account);
  return hdc_operator_list(p_site);
end $$;
