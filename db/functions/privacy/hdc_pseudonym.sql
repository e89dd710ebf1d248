-- The name an erased account takes everywhere on its site: random, so nothing leads back from it to
-- the person (not a hash of the id), and the same in every row of one erasure, so counts of people
-- and the audit's history keep their shape. src/contract/erased-account.ts knows the prefix.
create or replace function hdc_pseudonym() returns text
language sql volatile as $$ select 'erased-' || left(md5(gen_random_uuid()::text), 12) $$;
