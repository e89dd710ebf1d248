-- Whether an account column's value names a person: an Atlassian account id, not one of HDC Ops's own
-- actors ('hdc-ops', 'system', 'scheduled', 'app', 'hdc-ops scheduled scan', the CLI's 'cli:<os user>'
-- from src/cli/cli-actor.ts) nor an erased account's
-- pseudonym (hdc_pseudonym). Only people are reported and erased.
create or replace function hdc_is_person(p_value text) returns boolean
language sql immutable as $$
  select p_value ~ '^[A-Za-z0-9:_-]{1,128}$' and p_value !~ '^(erased-|hdc-ops|cli:)'
    and p_value not in ('app', 'system', 'scheduled', 'cli')
$$;
