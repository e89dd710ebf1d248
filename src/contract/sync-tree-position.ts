import type { EventLifecycle, SyncStatus } from './lifecycle';
import { ESCALATION_THRESHOLD, SYNC_DECISION_TREE } from './sync-decision-tree';
import type { LeafNode, SyncDecisionTree, SyncStage, TreeFacts } from './sync-decision-tree';

/**
 * Where an event stands in the sync decision tree (src/contract/sync-decision-tree.ts, the tree as
 * data): its facts, read from its sync status, and the walk from the root to its leaf. Pure, so
 * the backend, the CLI and the macros share it.
 */

function syncStageOf(lifecycle: EventLifecycle): SyncStage {
  switch (lifecycle) {
    case 'draft':
    case 'registration':
    case 'team_formation':
      return 'before_hacking';
    case 'hacking':
    case 'voting':
      return 'hacking_or_voting';
    case 'results':
      return 'results';
    case 'completed':
    case 'archived':
      return 'read_only';
  }
}

/** The parts of an event's sync status the tree reads (structurally a subset of EventSyncView). */
export interface TreeInput {
  lifecycle: EventLifecycle;
  state: {
    status: SyncStatus;
    retryable: boolean;
    consecutiveFailures: number;
    /** The latest escalation note; `usedAt` null: it still allows one more Retry Sync. */
    escalation: { usedAt: string | null } | null;
  } | null;
}

export function treeFactsOf(input: TreeInput): TreeFacts {
  const state = input.state;
  return {
    status: state === null ? 'not_synced' : state.status,
    stage: syncStageOf(input.lifecycle),
    open: input.lifecycle !== 'completed' && input.lifecycle !== 'archived',
    retryable: state?.retryable ?? false,
    repeatedFailure: (state?.consecutiveFailures ?? 0) >= ESCALATION_THRESHOLD,
    escalated: state?.escalation !== null && state?.escalation !== undefined && state.escalation.usedAt === null,
  };
}

export interface TreePosition {
  /** Node ids from the root to the leaf. */
  path: string[];
  leaf: LeafNode;
}

/** Walks the tree from its root with the event's facts; every fact value has exactly one branch. */
export function locateInTree(facts: TreeFacts, tree: SyncDecisionTree = SYNC_DECISION_TREE): TreePosition {
  const byId = new Map(tree.nodes.map((node) => [node.id, node]));
  const path: string[] = [];
  let node = byId.get(tree.rootId);
  while (node !== undefined) {
    path.push(node.id);
    if (node.kind === 'leaf') return { path, leaf: node };
    const value = facts[node.fact];
    const branch = node.branches.find((candidate) => candidate.when.includes(value));
    if (branch === undefined) throw new Error(`Decision tree node ${node.id} has no branch for ${String(value)}`);
    node = byId.get(branch.to);
  }
  throw new Error(`Decision tree path ${path.join(' → ')} leads to a missing node`);
}
