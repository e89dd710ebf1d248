import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

// hdc_apply_sync_attempt is the one place a sync attempt is classified; these tables state the
// expected outcome of every shape of event, so the SQL cannot drift from what the decision tree
// and the docs promise.
const suite = useServicesOnTestDatabase(() => undefined);
const admin = { accountId: 'outcome-admin' };

type Outcome = [status: string, errorCategory: string, retryable: boolean];
const COMPLETE: Outcome = ['complete', 'none', false];
const PARTIAL: Outcome = ['partial', 'partial_failure', true];
const ALL_FAILED: Outcome = ['failed', 'validation', true];
const NOTHING_SUBMITTED: Outcome = ['failed', 'validation', false];

/** [valid hacks, invalid hacks] → the outcome of Complete + Sync (unsubmitted hacks never count). */
const COMPLETE_AND_SYNC: [number, number, Outcome][] = [
  [0, 0, NOTHING_SUBMITTED],
  [0, 1, ALL_FAILED],
  [0, 2, ALL_FAILED],
  [1, 0, COMPLETE],
  [1, 1, PARTIAL],
  [1, 2, PARTIAL],
  [3, 0, COMPLETE],
  [3, 1, PARTIAL],
  [3, 2, PARTIAL],
];

/** [valid hacks, invalid hacks] → the outcome of Retry Sync once one failed hack is fixed. */
const RETRY_AFTER_ONE_FIX: [number, number, Outcome][] = [
  [0, 1, COMPLETE],
  [0, 2, PARTIAL],
  [1, 1, COMPLETE],
  [1, 2, PARTIAL],
  [3, 1, COMPLETE],
  [3, 2, PARTIAL],
];

async function eventOf(valid: number, invalid: number, unsubmitted: number): Promise<string> {
  const eventId = await makeEvent(suite.db.sql);
  await makeAdmin(suite.db.sql, eventId, admin.accountId);
  for (let i = 0; i < valid; i += 1) await makeHack(suite.db.sql, eventId);
  for (let i = 0; i < invalid; i += 1)
    await makeHack(suite.db.sql, eventId, i % 2 === 0 ? { title: '' } : { ownerAccountId: null });
  for (let i = 0; i < unsubmitted; i += 1) await makeHack(suite.db.sql, eventId, { submitted: false });
  return eventId;
}

const outcomeOf = (state: { status: string; errorCategory: string; retryable: boolean } | null) =>
  state === null ? null : [state.status, state.errorCategory, state.retryable];

describe.each([0, 1])('with %i unsubmitted hack(s)', (unsubmitted) => {
  test.each(COMPLETE_AND_SYNC)(
    'Complete + Sync with %i valid and %i invalid hacks',
    async (valid, invalid, expected) => {
      const result = await suite.services.sync.completeAndSync(admin, await eventOf(valid, invalid, unsubmitted));
      expect(outcomeOf(result.state)).toEqual(expected);
      expect(result.submittedHacks).toBe(valid + invalid);
      expect(result.state?.failedCount).toBe(valid + invalid === 0 ? 0 : invalid);
    },
  );

  test.each(RETRY_AFTER_ONE_FIX)(
    'Retry Sync after %i valid and %i invalid hacks, one fixed',
    async (valid, invalid, expected) => {
      const eventId = await eventOf(valid, invalid, unsubmitted);
      const first = await suite.services.sync.completeAndSync(admin, eventId);
      await suite.db.sql.query(`update hack set title = 'Fixed', owner_account_id = 'hack-owner' where id = $1`, [
        first.state!.failedItems[0]!.hackId,
      ]);
      const retried = await suite.services.sync.retrySync(admin, eventId);
      expect(outcomeOf(retried.state)).toEqual(expected);
      expect(retried.state?.failedCount).toBe(invalid - 1);
      expect(retried.state?.pushedCount).toBe(valid + 1);
    },
  );
});
