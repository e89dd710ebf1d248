-- The privacy report's next accounts of this site (hdc_personal_accounts), from where its pass is:
-- at most p_limit, with whether more follow. A read: the pass moves on when a batch is recorded
-- (hdc_privacy_report_record). Returns {afterKey, passStartedAt, lastCompletedAt, accounts[], more}.
create or replace function hdc_privacy_report_next(p_site hdc_site, p_limit integer)
returns jsonb
language plpgsql stable as $$
declare
  v_state privacy_report_state;
  v_accounts jsonb;
  v_count integer;
begin
  perform hdc_begin_call(p_site);
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'A privacy report reads 1 to 1000 accounts at a time' using errcode = 'HDC04',
      hint = 'Call it through the app.';
  end if;
  select * into v_state from privacy_report_state where site_id = p_site;
  select coalesce(jsonb_agg(jsonb_build_object('accountId', a.account_id, 'key', a.account_key, 'updatedAt', a.updated_at)
      order by a.account_key collate "C") filter (where a.n <= p_limit), '[]'::jsonb), count(*)
  into v_accounts, v_count
  from (select p.*, row_number() over (order by p.account_key collate "C") as n
        from hdc_personal_accounts(p_site, v_state.cursor_key, p_limit + 1) p) a;
  return jsonb_build_object('afterKey', v_state.cursor_key, 'passStartedAt', v_state.pass_started_at,
    'lastCompletedAt', v_state.last_completed_at, 'accounts', v_accounts, 'more', v_count > p_limit);
end $$;
