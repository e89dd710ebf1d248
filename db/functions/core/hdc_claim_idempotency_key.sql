-- Claims an idempotency key for the write about to run, in the write's own transaction. Returns
-- null when the write should go ahead (no key, or a new one), or the reply an earlier request with
-- this key committed, to be returned again instead of acting twice. A concurrent request with the
-- same key waits here until the first commits (then gets its reply) or rolls back (then goes
-- ahead). A key is bound to its site, account, operation and target (the event, null when the
-- operation has none): a reuse with any of them different is refused, never answered with another
-- request's reply.
create or replace function hdc_claim_idempotency_key(p_site hdc_site, p_key uuid, p_operation text, p_actor text, p_target text)
returns jsonb
language plpgsql as $$
declare
  v_row idempotent_reply;
begin
  if p_key is null then
    return null;
  end if;
  insert into idempotent_reply (site_id, key, operation, actor, target)
  values (p_site, p_key, p_operation, p_actor, p_target)
  on conflict (site_id, key) do nothing;
  if found then
    return null;
  end if;
  select * into strict v_row from idempotent_reply where site_id = p_site and key = p_key;
  if v_row.operation <> p_operation or v_row.actor <> p_actor or v_row.target is distinct from p_target then
    raise exception 'This idempotency key was already used for another request' using errcode = 'HDC04',
      hint = 'Send a new idempotency key (a fresh UUID) for each action; reuse one only to retry that same action.';
  end if;
  return v_row.reply;
end $$;
