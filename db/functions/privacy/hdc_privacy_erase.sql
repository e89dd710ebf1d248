-- An HDC operator erases one person from this site on request (`hdc-ops privacy erase --account A`):
-- the same erasure a closed account gets (hdc_privacy_erase_accounts), audited without naming them.
-- Returns {erased, rows, pseudonyms}: erased 0 when no row named the account.
create or replace function hdc_privacy_erase(p_site hdc_site, p_actor text, p_account text)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor, 'erase a person''s data');
  if p_account is null or not hdc_is_person(p_account) then
    raise exception 'This is not an Atlassian account id HDC Ops could hold' using errcode = 'HDC04',
      hint = 'Give the person''s account id (letters, digits, colons, dashes and underscores).';
  end if;
  return hdc_privacy_erase_accounts(p_site, array[p_account], p_actor, 'request');
end $$;
