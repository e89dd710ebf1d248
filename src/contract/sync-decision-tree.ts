import type { SyncStatus } from './lifecycle';

/**
 * The admin sync-outcome decision tree, as data. The backend serves it (`sync.tree`), the
 * decision-tree macro draws it, the sync panel enables its buttons from it, and the SQL sync
 * functions enforce the same rules under the event's row lock
 * (test/integration/sync-decision-tree.test.ts walks every leaf against them).
 *
 * Pure: no I/O, no zod, so the macros can bundle it. Where an event stands in it: sync-tree-position.ts.
 */

/** `end_early`: Complete + Sync on an event still in hacking or voting, confirmed a second time. */
export type SyncAction = 'complete' | 'end_early' | 'retry' | 'escalate';
export const SYNC_ACTIONS: readonly SyncAction[] = ['complete', 'end_early', 'retry', 'escalate'];

/** What people call each action, in the tree, the panel and the CLI. */
export const SYNC_ACTION_LABEL: Record<SyncAction, string> = {
  complete: 'Complete + Sync',
  end_early: 'End early + Sync',
  retry: 'Retry Sync',
  escalate: 'Escalate',
};

/** Failures of the same category in a row after which a retry needs an escalation note. */
export const ESCALATION_THRESHOLD = 2;

export type TreeOutcome =
  | 'not_ready'
  | 'end_early'
  | 'run_sync'
  | 'nothing_to_do'
  | 'retry_once'
  | 'escalate'
  | 'fix_root_cause'
  | 'data_quality_incident';

/** Where an event is in its lifecycle, as sync sees it. */
export type SyncStage = 'before_hacking' | 'hacking_or_voting' | 'results' | 'read_only';

/** What the tree asks about an event; each question node reads one of these. */
export interface TreeFacts {
  status: SyncStatus | 'not_synced';
  stage: SyncStage;
  open: boolean;
  retryable: boolean;
  repeatedFailure: boolean;
  escalated: boolean;
}
type TreeFact = keyof TreeFacts;

interface TreeBranch {
  label: string;
  when: readonly (string | boolean)[];
  to: string;
}

interface QuestionNode {
  kind: 'question';
  id: string;
  label: string;
  explanation: string;
  fact: TreeFact;
  branches: readonly TreeBranch[];
}

export interface LeafNode {
  kind: 'leaf';
  id: string;
  label: string;
  explanation: string;
  outcome: TreeOutcome;
  allowedActions: readonly SyncAction[];
}

export type TreeNode = QuestionNode | LeafNode;

export interface SyncDecisionTree {
  rootId: string;
  nodes: readonly TreeNode[];
}

export const SYNC_DECISION_TREE: SyncDecisionTree = {
  rootId: 'status',
  nodes: [
    {
      kind: 'question',
      id: 'status',
      label: 'What did the last sync do?',
      explanation:
        'The sync status stored for the event: no sync yet, complete, partial (some hacks failed) or failed.',
      fact: 'status',
      branches: [
        { label: 'Not synced yet', when: ['not_synced'], to: 'stage' },
        { label: 'Complete', when: ['complete'], to: 'done' },
        { label: 'Partial or failed', when: ['partial', 'failed'], to: 'open-after-failure' },
      ],
    },
    {
      kind: 'question',
      id: 'stage',
      label: 'Where is the event in its lifecycle?',
      explanation:
        'Sync belongs to results, after hacking and voting. Completed and archived events are read-only: sync can no longer change them.',
      fact: 'stage',
      branches: [
        { label: 'Before hacking', when: ['before_hacking'], to: 'not-ready' },
        { label: 'Hacking or voting', when: ['hacking_or_voting'], to: 'end-early' },
        { label: 'Results', when: ['results'], to: 'run-sync' },
        { label: 'Read-only', when: ['read_only'], to: 'incident-never-synced' },
      ],
    },
    {
      kind: 'question',
      id: 'open-after-failure',
      label: 'Is the event still open?',
      explanation: 'A failed or partial sync can only be retried while the event is open.',
      fact: 'open',
      branches: [
        { label: 'Open', when: [true], to: 'retryable' },
        { label: 'Read-only', when: [false], to: 'incident-unsynced-hacks' },
      ],
    },
    {
      kind: 'question',
      id: 'retryable',
      label: 'Is the failure retryable?',
      explanation:
        'Retryable: some hacks failed validation and can be fixed and sent again. Not retryable: the attempt cannot succeed as things stand (for example no submitted hacks).',
      fact: 'retryable',
      branches: [
        { label: 'Retryable', when: [true], to: 'repeated' },
        { label: 'Not retryable', when: [false], to: 'fix-root-cause' },
      ],
    },
    {
      kind: 'question',
      id: 'repeated',
      label: `${ESCALATION_THRESHOLD} or more failures of the same cause in a row?`,
      explanation:
        'One failure is retried once. When the same cause fails again, retrying blindly hides a real problem: someone has to look at it first.',
      fact: 'repeatedFailure',
      branches: [
        { label: 'First failure', when: [false], to: 'retry-once' },
        { label: `${ESCALATION_THRESHOLD}+ in a row`, when: [true], to: 'escalation-recorded' },
      ],
    },
    {
      kind: 'question',
      id: 'escalation-recorded',
      label: 'Has an admin recorded an escalation note?',
      explanation:
        'The note says what was checked and who was told. It is audited, with the latest sync telemetry attached.',
      fact: 'escalated',
      branches: [
        { label: 'Not yet', when: [false], to: 'escalate' },
        { label: 'Recorded', when: [true], to: 'retry-after-escalation' },
      ],
    },
    {
      kind: 'leaf',
      id: 'not-ready',
      label: 'Not ready: wait for results',
      explanation:
        'Draft, registration and team formation come before hacking: there are no hacks to sync yet. Complete + Sync is refused and nothing is stored.',
      outcome: 'not_ready',
      allowedActions: [],
    },
    {
      kind: 'leaf',
      id: 'end-early',
      label: 'Wait for results, or end the event early',
      explanation:
        'Complete + Sync now ends hacking or voting early: the event moves to results, its submitted hacks are synced, and it becomes read-only. It asks for a second confirmation and is audited as an early completion.',
      outcome: 'end_early',
      allowedActions: ['end_early'],
    },
    {
      kind: 'leaf',
      id: 'run-sync',
      label: 'Run Complete + Sync',
      explanation: 'Copies every submitted hack to the library and completes the event, which then becomes read-only.',
      outcome: 'run_sync',
      allowedActions: ['complete'],
    },
    {
      kind: 'leaf',
      id: 'done',
      label: 'Nothing to do',
      explanation: 'Every submitted hack is in the library and the event is completed.',
      outcome: 'nothing_to_do',
      allowedActions: [],
    },
    {
      kind: 'leaf',
      id: 'incident-never-synced',
      label: 'Data-quality incident',
      explanation:
        'The event is read-only but was never synced: its hacks are not in the library. Sync cannot fix this; report it to the HDC operators.',
      outcome: 'data_quality_incident',
      allowedActions: [],
    },
    {
      kind: 'leaf',
      id: 'incident-unsynced-hacks',
      label: 'Data-quality incident',
      explanation:
        'The event became read-only with failed hacks still outside the library. Sync cannot fix this; report it to the HDC operators.',
      outcome: 'data_quality_incident',
      allowedActions: [],
    },
    {
      kind: 'leaf',
      id: 'fix-root-cause',
      label: 'Fix the root cause, no retry',
      explanation:
        'A retry would fail the same way. Follow the guidance (for example ask teams to submit their hacks), then run Complete + Sync again.',
      outcome: 'fix_root_cause',
      allowedActions: ['complete'],
    },
    {
      kind: 'leaf',
      id: 'retry-once',
      label: 'Retry once',
      explanation:
        'Fix the failed items (title, owner), then run Retry Sync: it attempts every submitted hack not yet in the library, the failed ones and any submitted since.',
      outcome: 'retry_once',
      allowedActions: ['retry'],
    },
    {
      kind: 'leaf',
      id: 'escalate',
      label: 'Escalate with telemetry',
      explanation:
        'Retry Sync is refused until an event admin records an escalation note. The note is audited with the latest sync telemetry.',
      outcome: 'escalate',
      allowedActions: ['escalate'],
    },
    {
      kind: 'leaf',
      id: 'retry-after-escalation',
      label: 'Retry once (escalated)',
      explanation: 'The escalation note allows one more Retry Sync. If it fails the same way, a new note is needed.',
      outcome: 'retry_once',
      allowedActions: ['retry'],
    },
  ],
};
