import { classifySyncOutcome } from '../../src/sync/sync-outcome';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

// hdc_apply_sync_attempt (SQL) and classifySyncOutcome (TypeScript) must classify every attempt alike:
// the SQL one decides what is stored, the TypeScript one is what the UI and the decision tree reason with.
const suite = useServicesOnTestDatabase(() => undefined);
const admin = { accountId: 'agreement-admin' };

interface Shape {
  valid: number;
  invalid: number;
  unsubmitted: number;
}

const shapes: Shape[] = [];
for (const valid of [0, 1, 3]) for (const invalid of [0, 1, 2]) for (const unsubmitted of [0, 1]) shapes.push({ valid, invalid, unsubmitted });

async function eventOf(shape: Shape): Promise<string> {
  const eventId = await makeEvent(suite.db.sql);
  await makeAdmin(suite.db.sql, eventId, admin.accountId);
  for (let i = 0; i < shape.valid; i += 1) await makeHack(suite.db.sql, eventId);
  for (let i = 0; i < shape.invalid; i += 1) await makeHack(suite.db.sql, eventId, i % 2 === 0 ? { title: '' } : { ownerAccountId: null });
  for (let i = 0; i < shape.unsubmitted; i += 1) await makeHack(suite.db.sql, eventId, { submitted: false });
  return eventId;
}

test.each(shapes)('Complete + Sync with %o: SQL and TypeScript classify alike', async (shape) => {
  const result = await suite.services.sync.completeAndSync(admin, await eventOf(shape));
  const state = result.state!;
  const expected = classifySyncOutcome({
    submittedHacks: result.submittedHacks,
    succeededTotal: state.pushedCount + state.skippedCount,
    failedNow: state.failedCount,
  });
  expect({ status: state.status, errorCategory: state.errorCategory, retryable: state.retryable }).toEqual(expected);
  expect(result.submittedHacks).toBe(shape.valid + shape.invalid);
  expect(state.failedCount).toBe(shape.valid + shape.invalid === 0 ? 0 : shape.invalid);
});

test.each(shapes.filter((s) => s.invalid > 0))('Retry Sync after %o, one failed hack fixed: SQL and TypeScript classify alike', async (shape) => {
  const eventId = await eventOf(shape);
  const first = await suite.services.sync.completeAndSync(admin, eventId);
  await suite.db.sql.query(`update hack set title = 'Fixed', owner_account_id = 'hack-owner' where id = $1`, [first.state!.failedItems[0]!.hackId]);
  const retried = await suite.services.sync.retrySync(admin, eventId);
  const state = retried.state!;
  expect({ status: state.status, errorCategory: state.errorCategory, retryable: state.retryable }).toEqual(
    classifySyncOutcome({ submittedHacks: retried.submittedHacks, succeededTotal: state.pushedCount + state.skippedCount, failedNow: state.failedCount }),
  );
  expect(state.failedCount).toBe(shape.invalid - 1);
  expect(state.pushedCount).toBe(shape.valid + 1);
});
