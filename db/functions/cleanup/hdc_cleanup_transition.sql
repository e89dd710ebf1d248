-- The one transition table of a cleanup plan's items, per direction (src/contract/cleanup.ts declares
-- the states; test/integration/state-declarations.test.ts holds this table to them): the item states
-- a batch acts on, the outcomes Confluence or the database may give them, the state of an applied
-- page-reference change and of one left alone, the plan's status while a batch runs, and the audit
-- action of each recorded item. hdc_cleanup_execute_* and hdc_cleanup_restore_* are separate
-- functions (each with its own preconditions, order and plan statuses) that read their direction's
-- row here instead of branching on a mode.
create or replace function hdc_cleanup_transition(p_direction text)
returns table (direction text, acts_on text[], outcomes text[], applied text, left_alone text, running_status text,
  audit_action text)
language sql immutable as $$
  select * from (values
    ('execute', array['pending'], array['done', 'skipped', 'failed'], 'done', 'skipped', 'executing',
      'cleanup_item_executed'),
    ('restore', array['done', 'restore_failed'], array['restored', 'restore_skipped', 'restore_failed'], 'restored',
      'restore_skipped', 'restoring', 'cleanup_item_restored')
  ) as t (direction, acts_on, outcomes, applied, left_alone, running_status, audit_action)
  where t.direction = p_direction
$$;
