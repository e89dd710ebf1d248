import type { EventStatusView } from '../../../../src/contract/results';
import { locateInTree, treeFactsOf } from '../../../../src/sync/sync-decision-tree';
import type { LeafNode, SyncAction } from '../../../../src/sync/sync-decision-tree';

export interface ActionAvailability {
  leaf: LeafNode;
  path: string[];
  /** Why each action is unavailable; absent when it is available. */
  blocked: Partial<Record<SyncAction, string>>;
}

const READ_ONLY = 'The event is read-only.';

const WHY_NOT: Record<SyncAction, Record<LeafNode['outcome'], string>> = {
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
  escalate: {
    run_sync: '',
    nothing_to_do: '',
    data_quality_incident: '',
    fix_root_cause: '',
    retry_once: '',
    escalate: '',
  },
};

/** The tree's verdict for this event, and the viewer's own permission on top (the backend checks both). */
export function actionAvailability(view: EventStatusView): ActionAvailability {
  const { leaf, path } = locateInTree(treeFactsOf(view));
  const blocked: Partial<Record<SyncAction, string>> = {};
  for (const action of ['complete', 'retry', 'escalate'] as const) {
    if (view.viewerRole === null) {
      blocked[action] = "Only the event's primary admin or a co-admin can run sync.";
    } else if (!leaf.allowedActions.includes(action)) {
      blocked[action] = WHY_NOT[action][leaf.outcome] || 'Escalation is only needed after 2 failures of the same cause.';
    }
  }
  return { leaf, path, blocked };
}
