-- Whether an account column's value names a person: an Atlassian account id, not one of HDC Ops's own
-- actors ('hdc-ops', 'system', 'scheduled', 'app', 'hdc-ops scheduled scan', the CLI's 'cli:<os user>'
-- from src/cli/cli-actor.ts) nor an erased account's
-- pseudonym (hdc_pseudonym). Only people are reported and erased.
-- LIKE, not a regular expression: the report calls it once per stored account.
create or replace function hdc_is_person(p_value text) returns boolean
language sql immutable as $$
  select p_value <> '' and length(p_value) <= 128 and p_value not like '% %'
    and p_value not like 'erased-%' and p_value not like 'hdc-ops%' and p_value not like 'cli:%'
    and p_value not in ('app', 'system', 'scheduled', 'cli')
$$;
