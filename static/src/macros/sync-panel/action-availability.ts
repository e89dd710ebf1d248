import type { EventStatusView } from '../../../../src/contract/results';
import type { LeafNode, SyncAction } from '../../../../src/contract/sync-decision-tree';
import { locateInTree, treeFactsOf } from '../../../../src/contract/sync-tree-position';

export interface ActionAvailability {
  leaf: LeafNode;
  path: string[];
  /** Whether the viewer may act at all (an event admin); the backend checks it on every call. */
  isAdmin: boolean;
  /** The actions the panel offers: the tree's at this leaf, for an admin; none for anyone else. */
  allowed: ReadonlySet<SyncAction>;
}

/** The tree's verdict for this event, and the viewer's own permission on top (the backend checks both). */
export function actionAvailability(view: EventStatusView): ActionAvailability {
  const { leaf, path } = locateInTree(treeFactsOf(view));
  const isAdmin = view.viewerRole !== null;
  return { leaf, path, isAdmin, allowed: new Set(isAdmin ? leaf.allowedActions : []) };
}
