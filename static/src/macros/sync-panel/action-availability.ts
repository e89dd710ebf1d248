import type { EventStatusView } from '../../../../src/contract/results';
import { ESCALATION_THRESHOLD, locateInTree, SYNC_ACTIONS, treeFactsOf } from '../../../../src/contract/sync-decision-tree';
import type { LeafNode, SyncAction } from '../../../../src/contract/sync-decision-tree';

export interface ActionAvailability {
  leaf: LeafNode;
  path: string[];
  /** Why each action is unavailable; absent when it is available. */
  blocked: Partial<Record<SyncAction, string>>;
}

const READ_ONLY = 'The event is read-only.';

/** Why Complete + Sync or Retry Sync is not available at a leaf (empty where the leaf allows it). */
const WHY_NOT: Record<Exclude<SyncAction, 'escalate'>, Record<LeafNode['outcome'], string>> = {
  complete: {
    run_sync: '',
    nothing_to_do: 'The event is already completed and synced.',
    data_quality_incident: READ_ONLY,
    fix_root_cause: '',
    retry_once: 'Complete + Sync already ran: use Retry Sync for the failed hacks.',
    escalate: 'Complete + Sync already ran: record an escalation note, then use Retry Sync.',
  },
  retry: {
    run_sync: 'Nothing to retry yet: run Complete + Sync first.',
    nothing_to_do: 'Nothing to retry: every hack is synced.',
    data_quality_incident: READ_ONLY,
    fix_root_cause: 'This failure is not retryable: fix the cause, then run Complete + Sync.',
    retry_once: '',
    escalate: 'The same failure happened twice in a row: record an escalation note first.',
  },
};

/** The tree's verdict for this event, and the viewer's own permission on top (the backend checks both). */
export function actionAvailability(view: EventStatusView): ActionAvailability {
  const { leaf, path } = locateInTree(treeFactsOf(view));
  const blocked: Partial<Record<SyncAction, string>> = {};
  for (const action of SYNC_ACTIONS) {
    if (view.viewerRole === null) {
      blocked[action] = "Only the event's primary admin or a co-admin can run sync.";
    } else if (!leaf.allowedActions.includes(action)) {
      blocked[action] =
        action === 'escalate'
          ? `Escalation is only needed after ${ESCALATION_THRESHOLD} failures of the same cause in a row.`
          : WHY_NOT[action][leaf.outcome];
    }
  }
  return { leaf, path, blocked };
}
