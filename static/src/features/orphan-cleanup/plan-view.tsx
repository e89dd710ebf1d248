import { countOf } from '../../../../src/contract/plural';
import type { CleanupItem, CleanupItemState, CleanupPlan } from '../../../../src/contract/cleanup';
import Button from '@atlaskit/button/new';
import { ToneLozenge } from '../../shared/badges';
import type { Tone } from '../../shared/badges';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';

const ACTION_TEXT: Record<CleanupItem['action'], (item: CleanupItem) => string> = {
  trash: (item) => `Move “${item.title}” (page ${item.pageId ?? ''}) to the trash`,
  relink: (item) => `Point “${item.title}” at page ${item.toPageId ?? ''} (was ${item.pageId ?? 'none'})`,
  clear: (item) => `Clear the page reference of “${item.title}” (was page ${item.pageId ?? 'none'})`,
};

const STATE_TONE: Record<CleanupItemState, Tone> = {
  pending: 'neutral',
  done: 'success',
  skipped: 'warning',
  failed: 'danger',
  restored: 'success',
  restore_skipped: 'warning',
  restore_failed: 'danger',
};
const STATE_LABEL: Record<CleanupItemState, string> = {
  pending: 'Pending',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  restored: 'Restored',
  restore_skipped: 'Not restored',
  restore_failed: 'Restore failed',
};

function describeAction(item: CleanupItem): string {
  return ACTION_TEXT[item.action](item);
}

/** A plan's items: before execution, exactly what will happen; after, each item's outcome and why. */
export function PlanItems({ plan }: { plan: CleanupPlan }) {
  const items = plan.items ?? [];
  return (
    <SimpleTable
      columns={[
        { header: 'What', cell: (item) => describeAction(item) },
        {
          header: 'Result',
          cell: (item) => (
            <>
              <ToneLozenge tone={STATE_TONE[item.state]}>{STATE_LABEL[item.state]}</ToneLozenge>
              {item.reason ? <div className="hdc-subtle">{item.reason}</div> : null}
            </>
          ),
        },
      ]}
      rows={items}
      rowKey={(item) => item.position}
      rowData={(item) => ({ 'data-item-state': item.state })}
    />
  );
}

export function planSummary(plan: CleanupPlan): string {
  const items = plan.items ?? [];
  const trash = items.filter((item) => item.action === 'trash').length;
  const references = items.length - trash;
  return [
    trash > 0 ? `move ${countOf(trash, 'page', 'pages')} to the trash` : null,
    references > 0 ? `change ${countOf(references, 'page reference', 'page references')}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
}

const PLAN_STATUS: Record<CleanupPlan['status'], string> = {
  planned: 'Planned, not run',
  executing: 'Interrupted: run it again to resume',
  executed: 'Executed',
  restoring: 'Restore interrupted: restore again to resume',
  partly_restored: 'Partly restored: Confluence refused some pages; restore again for them',
  restored: 'Restored',
};

/** Earlier executions, newest first, with Restore for those that ran. */
export function PlanHistory({
  plans,
  busy,
  nameOf,
  onRestore,
  onResume,
}: {
  plans: CleanupPlan[];
  busy: boolean;
  nameOf: (accountId: string) => string;
  onRestore: (plan: CleanupPlan) => void;
  onResume: (plan: CleanupPlan) => void;
}) {
  if (plans.length === 0) return <p className="hdc-subtle">No cleanup has run yet.</p>;
  return (
    <SimpleTable
      columns={[
        { header: 'When', cell: (plan) => <RelativeTime iso={plan.executedAt ?? plan.createdAt} /> },
        { header: 'By', cell: (plan) => nameOf(plan.executedBy ?? plan.createdBy) },
        { header: 'What', cell: (plan) => planSummary(plan) },
        {
          header: 'Status',
          cell: (plan) => (
            <>
              {PLAN_STATUS[plan.status]}
              {plan.counts ? (
                <div className="hdc-subtlest">
                  {Object.entries(plan.counts)
                    .map(([state, n]) => `${n} ${state.replace('_', ' ')}`)
                    .join(', ')}
                </div>
              ) : null}
            </>
          ),
        },
        {
          header: 'Actions',
          headerHidden: true,
          cell: (plan) =>
            plan.status === 'executed' || plan.status === 'restoring' || plan.status === 'partly_restored' ? (
              <Button isDisabled={busy} onClick={() => onRestore(plan)}>
                Restore
              </Button>
            ) : plan.status === 'executing' ? (
              <Button isDisabled={busy} onClick={() => onResume(plan)}>
                Resume
              </Button>
            ) : null,
        },
      ]}
      rows={plans}
      rowKey={(plan) => plan.planId}
    />
  );
}
