import Lozenge from '@atlaskit/lozenge';
import type { ThemeAppearance } from '@atlaskit/lozenge';
import type { EventLifecycle } from '../../../src/contract/lifecycle';
import { SYNC_STATE_WORD } from '../../../src/contract/sync-byline';

/** One vocabulary for sync results, everywhere: Complete, Partial, Failed, Not synced. */
const SYNC: Record<string, { label: string; appearance: ThemeAppearance }> = {
  complete: { label: SYNC_STATE_WORD.complete, appearance: 'success' },
  partial: { label: SYNC_STATE_WORD.partial, appearance: 'moved' },
  failed: { label: SYNC_STATE_WORD.failed, appearance: 'removed' },
  not_synced: { label: SYNC_STATE_WORD.not_synced, appearance: 'default' },
};

export function SyncBadge({ status }: { status: string }) {
  const sync = SYNC[status] ?? { label: status, appearance: 'default' };
  return (
    <span data-sync-status={status}>
      <Lozenge appearance={sync.appearance}>{sync.label}</Lozenge>
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
  const appearance: ThemeAppearance =
    lifecycle === 'completed' ? 'success' : lifecycle === 'archived' ? 'default' : 'inprogress';
  return <Lozenge appearance={appearance}>{LIFECYCLE_LABEL[lifecycle]}</Lozenge>;
}

export type Tone = 'success' | 'warning' | 'danger' | 'information' | 'neutral';
const TONE_APPEARANCE: Record<Tone, ThemeAppearance> = {
  success: 'success',
  warning: 'moved',
  danger: 'removed',
  information: 'inprogress',
  neutral: 'default',
};

/** A lozenge whose appearance follows its meaning. */
export function ToneLozenge({ tone, children }: { tone: Tone; children: string }) {
  return <Lozenge appearance={TONE_APPEARANCE[tone]}>{children}</Lozenge>;
}
