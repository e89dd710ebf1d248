import type { EventLifecycle } from '../../../src/contract/lifecycle';

const SYNC_TONE: Record<string, string> = {
  complete: 'success',
  partial: 'warning',
  failed: 'danger',
  not_synced: 'neutral',
};
const SYNC_LABEL: Record<string, string> = {
  complete: 'Synced',
  partial: 'Partial sync',
  failed: 'Sync failed',
  not_synced: 'Not synced',
};

export function SyncBadge({ status }: { status: string }) {
  return (
    <span className={`hdc-badge hdc-tone-${SYNC_TONE[status] ?? 'neutral'}`} data-sync-status={status}>
      {SYNC_LABEL[status] ?? status}
    </span>
  );
}

const LIFECYCLE_LABEL: Record<EventLifecycle, string> = {
  draft: 'Draft',
  registration: 'Registration',
  team_formation: 'Team formation',
  hacking: 'Hacking',
  voting: 'Voting',
  results: 'Results',
  completed: 'Completed',
  archived: 'Archived',
};

export function LifecycleBadge({ lifecycle }: { lifecycle: EventLifecycle }) {
  const tone = lifecycle === 'completed' ? 'success' : lifecycle === 'archived' ? 'neutral' : 'information';
  return <span className={`hdc-badge hdc-tone-${tone}`}>{LIFECYCLE_LABEL[lifecycle]}</span>;
}
