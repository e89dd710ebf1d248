import type { EventStatusView } from '../../../../src/contract/results';
import { ESCALATION_THRESHOLD, locateInTree, SYNC_ACTIONS, treeFactsOf } from '../../../../src/contract/sync-decision-tree';
import type { LeafNode, SyncAction } from '../../../../src/contract/sync-decision-tree';

export interface ActionAvailability {
  leaf: LeafNode;
  path: string[];
  /** Whether the viewer may act at all (an event admin); the backend checks it on every call. */
  isAdmin: boolean;
  /** Why each action is unavailable; absent when it is available. */
  blocked: Partial<Record<SyncAction, string>>;
}

const NOT_ADMIN = "Only the event's primary admin or a co-admin can run sync.";

/** The tree's verdict for this event, and the viewer's own permission on top (the backend checks both). */
export function actionAvailability(view: EventStatusView): ActionAvailability {
  const { leaf, path } = locateInTree(treeFactsOf(view));
  const blocked: Partial<Record<SyncAction, string>> = {};
  for (const action of SYNC_ACTIONS) {
    if (view.viewerRole === null) blocked[action] = NOT_ADMIN;
    else if (!leaf.allowedActions.includes(action)) {
      blocked[action] = action === 'escalate'
        ? `Escalation is only needed after ${ESCALATION_THRESHOLD} failures of the same cause in a row.`
        : leaf.label;
    }
  }
  return { leaf, path, isAdmin: view.viewerRole !== null, blocked };
}
