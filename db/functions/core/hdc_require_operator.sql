-- The operator gate, stated once: cleanup (scan, plan, execute, restore, jobs), the ops summary and
-- a weekly report a person generates are for HDC operators only. Each of those functions calls it
-- inside its own transaction, before any other work (the macros only mirror it).
create or replace function hdc_require_operator(p_site hdc_site, p_actor text,
  p_doing text default 'clean up orphan pages or run operations') returns void
language plpgsql as $$
begin
  if p_actor is null or not exists (select 1 from hdc_operator where site_id = p_site and account_id = p_actor) then
    raise exception 'Only HDC operators may %', p_doing using errcode = 'HDC02',
      hint = 'Ask an HDC operator to do it, or to make you one.';
  end if;
end $$;
