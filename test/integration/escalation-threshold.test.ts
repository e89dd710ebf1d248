import { ESCALATION_THRESHOLD } from '../../src/contract/sync-decision-tree';
import { locateInTree, treeFactsOf } from '../../src/contract/sync-tree-position';
import { toAppError } from '../../src/shared/app-error';
import { makeSyncableEvent } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

// The escalation threshold is stated twice, on purpose: ESCALATION_THRESHOLD (TypeScript: the tree the
// macros draw and the panel's buttons) and hdc_sync_needs_escalation (SQL: what the backend allows).
// For every length of a failure run around the threshold, both must say the same.
const suite = useServicesOnTestDatabase();
const admin = { accountId: 'threshold-admin' };
const NOTE = 'Checked the failing hacks with their teams; owners will be fixed by Friday.';

test.each([1, 2, 3, 4, 5].map((n) => [n]))(
  'after %i failure(s) of one cause in a row, SQL and the tree agree on retry and escalation',
  async (failures) => {
    const eventId = await makeSyncableEvent(suite.db.sql, admin.accountId, 1, 1);
    await suite.services.sync.completeAndSync(admin, eventId);
    await suite.db.sql.query('update event_sync_state set consecutive_failures = $2 where event_id = $1', [
      eventId,
      failures,
    ]);
    const view = await suite.services.sync.status({ eventId }, admin);
    const allowed = locateInTree(treeFactsOf(view)).leaf.allowedActions;
    expect(treeFactsOf(view).repeatedFailure).toBe(failures >= ESCALATION_THRESHOLD);

    const escalation = await suite.services.sync.escalate(admin, eventId, NOTE).then(
      () => 'allowed',
      (error: unknown) => toAppError(error).code,
    );
    expect(escalation === 'allowed').toBe(allowed.includes('escalate'));
    if (escalation !== 'allowed') {
      const retry = await suite.services.sync.retrySync(admin, eventId).then(
        () => 'allowed',
        (error: unknown) => toAppError(error).code,
      );
      expect(retry).toBe(allowed.includes('retry') ? 'allowed' : 'escalation_required');
    }
  },
);
