import {
  CLEANUP_ITEM_STATES,
  CLEANUP_JOB_KINDS,
  CLEANUP_JOB_STATUSES,
  CLEANUP_PLAN_STATUSES,
  CLEANUP_SCAN_STATUSES,
} from '../../src/contract/cleanup';
import { EVENT_LIFECYCLES, SYNC_ERROR_CATEGORIES, SYNC_STATUSES } from '../../src/contract/lifecycle';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';

// Each state machine's values are declared once, in src/contract; the tables' check constraints
// must allow exactly those values, or a state one side knows the other refuses.
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

/** The values a column's check constraint allows (`col = ANY (ARRAY['a', 'b'])` or `col IN ('a', 'b')`). */
async function allowedBy(table: string, column: string): Promise<string[]> {
  const rows = await db.sql.query<{ def: string }>(
    `select pg_get_constraintdef(k.oid) as def from pg_constraint k
      where k.conrelid = $1::regclass and k.contype = 'c'`,
    [table],
  );
  const own = rows.filter((row) => new RegExp(`\\(+${column} = ANY|\\b${column} IN \\(`).test(row.def));
  expect(own).toHaveLength(1);
  return [...own[0]!.def.matchAll(/'([^']*)'/g)].map((match) => match[1]!).sort();
}

test.each<[string, string, readonly string[]]>([
  ['cleanup_item', 'state', CLEANUP_ITEM_STATES],
  ['cleanup_plan', 'status', CLEANUP_PLAN_STATUSES],
  ['cleanup_scan', 'status', CLEANUP_SCAN_STATUSES],
  ['cleanup_job', 'status', CLEANUP_JOB_STATUSES],
  ['cleanup_job', 'kind', CLEANUP_JOB_KINDS],
  ['event', 'lifecycle', EVENT_LIFECYCLES],
  ['event_sync_state', 'status', SYNC_STATUSES],
  ['event_sync_state', 'error_category', SYNC_ERROR_CATEGORIES],
])('%s.%s allows exactly the declared values', async (table, column, declared) => {
  expect(await allowedBy(table, column)).toEqual([...declared].sort());
});

test('the cleanup transition table names only declared states, and each direction its own outcomes', async () => {
  const rows = await db.sql.query<{
    direction: string;
    acts_on: string[];
    outcomes: string[];
    applied: string;
    left_alone: string;
    running_status: string;
  }>(
    `select t.* from (values ('execute'), ('restore')) as d(direction), lateral hdc_cleanup_transition(d.direction) as t`,
  );
  expect(rows.map((row) => row.direction)).toEqual(['execute', 'restore']);
  const itemStates: readonly string[] = CLEANUP_ITEM_STATES;
  const planStatuses: readonly string[] = CLEANUP_PLAN_STATUSES;
  for (const row of rows) {
    for (const state of [...row.acts_on, ...row.outcomes, row.applied, row.left_alone]) {
      expect({ direction: row.direction, state, declared: itemStates.includes(state) }).toMatchObject({
        declared: true,
      });
    }
    expect(row.outcomes).toEqual(expect.arrayContaining([row.applied, row.left_alone]));
    expect(planStatuses).toContain(row.running_status);
  }
  // An outcome belongs to one direction: a restore can never record an execution's outcome, nor the reverse.
  const [execute, restore] = rows;
  expect(execute!.outcomes.filter((state) => restore!.outcomes.includes(state))).toEqual([]);
});
