-- Stores the reply of a write under the key it claimed (hdc_claim_idempotency_key), and returns it.
create or replace function hdc_keep_idempotent_reply(p_site hdc_site, p_key uuid, p_reply jsonb) returns jsonb
language plpgsql as $$
begin
  if p_key is not null then
    update idempotent_reply set reply = p_reply where site_id = p_site and key = p_key;
  end if;
  return p_reply;
end $$;
