-- The lifecycle half of the decision tree (src/contract/sync-decision-tree.ts, question "stage"):
-- sync belongs to the results stage; during hacking or voting only ending the event early
-- ('end_early') may sync; before hacking nothing may. Raised before anything is written.
create or replace function hdc_require_sync_stage(p_event event, p_action text) returns void
language plpgsql as $$
begin
  if p_event.lifecycle in ('draft', 'registration', 'team_formation') then
    raise exception 'The event is in %: there is nothing to sync before hacking', replace(p_event.lifecycle, '_', ' ')
      using errcode = 'HDC07',
      hint = 'Sync comes once the event reaches results. Nothing was stored; come back after hacking and voting.';
  end if;
  if p_event.lifecycle in ('hacking', 'voting') and p_action <> 'end_early' then
    raise exception 'The event is still in %: Complete + Sync now would end it early', p_event.lifecycle
      using errcode = 'HDC07',
      hint = 'Wait for results, or confirm ending the event early (the sync panel asks a second time; the CLI takes --end-early).';
  end if;
  if p_event.lifecycle not in ('hacking', 'voting') and p_action = 'end_early' then
    raise exception 'The event is in %: there is no hacking or voting to end early', p_event.lifecycle
      using errcode = 'HDC04',
      hint = 'Run Complete + Sync without ending early.';
  end if;
end $$;
