import { SYNC_DECISION_TREE } from '../../src/contract/sync-decision-tree';
import type { LeafNode, TreeFacts } from '../../src/contract/sync-decision-tree';
import { locateInTree, treeFactsOf } from '../../src/contract/sync-tree-position';
import type { TreeInput } from '../../src/contract/sync-tree-position';

const nodes = SYNC_DECISION_TREE.nodes;
const leaves = nodes.filter((node): node is LeafNode => node.kind === 'leaf');

test('node ids are unique and every branch leads to a node', () => {
  const ids = nodes.map((node) => node.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const node of nodes) {
    if (node.kind === 'question') for (const branch of node.branches) expect(ids).toContain(branch.to);
  }
});

test('every node is reached from the root exactly once (it is a tree)', () => {
  const targets = nodes.flatMap((node) => (node.kind === 'question' ? node.branches.map((b) => b.to) : []));
  expect(targets.sort()).toEqual(
    nodes
      .map((node) => node.id)
      .filter((id) => id !== SYNC_DECISION_TREE.rootId)
      .sort(),
  );
});

const STATUSES = ['not_synced', 'complete', 'partial', 'failed'] as const;
const STAGES = ['before_hacking', 'hacking_or_voting', 'results', 'read_only'] as const;
const allFacts: TreeFacts[] = STATUSES.flatMap((status) =>
  STAGES.flatMap((stage) =>
    [true, false].flatMap((retryable) =>
      [true, false].flatMap((repeatedFailure) =>
        [true, false].map((escalated) => ({
          status,
          stage,
          open: stage !== 'read_only',
          retryable,
          repeatedFailure,
          escalated,
        })),
      ),
    ),
  ),
);

test('every combination of facts reaches exactly one leaf, and every leaf is reachable', () => {
  const reached = new Set(allFacts.map((facts) => locateInTree(facts).leaf.id));
  expect([...reached].sort()).toEqual(leaves.map((leaf) => leaf.id).sort());
});

const view = (
  lifecycle: TreeInput['lifecycle'],
  state: Partial<NonNullable<TreeInput['state']>> | null,
): TreeInput => ({
  lifecycle,
  state:
    state === null ? null : { status: 'partial', retryable: true, consecutiveFailures: 1, escalation: null, ...state },
});

test.each<[string, TreeInput, string, string[]]>([
  ['an event in results never synced', view('results', null), 'run-sync', ['complete']],
  ['an event in registration', view('registration', null), 'not-ready', []],
  ['an event in team formation', view('team_formation', null), 'not-ready', []],
  ['an event in hacking', view('hacking', null), 'end-early', ['end_early']],
  ['an event in voting', view('voting', null), 'end-early', ['end_early']],
  ['a completed sync', view('completed', { status: 'complete', retryable: false, consecutiveFailures: 0 }), 'done', []],
  ['an archived event never synced', view('archived', null), 'incident-never-synced', []],
  ['an archived event with a partial sync', view('archived', {}), 'incident-unsynced-hacks', []],
  [
    'no submitted hacks (not retryable)',
    view('results', { status: 'failed', retryable: false }),
    'fix-root-cause',
    ['complete'],
  ],
  ['a first partial sync', view('results', {}), 'retry-once', ['retry']],
  ['a second partial sync in a row', view('results', { consecutiveFailures: 2 }), 'escalate', ['escalate']],
  [
    'a repeated failure with an escalation note',
    view('results', { status: 'failed', consecutiveFailures: 3, escalation: { usedAt: null } }),
    'retry-after-escalation',
    ['retry'],
  ],
  [
    'a repeated failure after the escalation note was used by a retry',
    view('results', { status: 'failed', consecutiveFailures: 3, escalation: { usedAt: '2026-11-20T10:00:00Z' } }),
    'escalate',
    ['escalate'],
  ],
])('%s → %s', (_label, input, leafId, actions) => {
  const position = locateInTree(treeFactsOf(input));
  expect(position.leaf.id).toBe(leafId);
  expect(position.leaf.allowedActions).toEqual(actions);
  expect(position.path[0]).toBe('status');
  expect(position.path.at(-1)).toBe(leafId);
});
