import { countOf } from './plural';
import type { EventSyncView } from './results';

/** The four words for an event's sync, one vocabulary for the byline, the badges of every macro and the registry. */
export const SYNC_STATE_WORD = {
  complete: 'Complete',
  partial: 'Partial',
  failed: 'Failed',
  not_synced: 'Not synced',
} as const;
type SyncState = keyof typeof SYNC_STATE_WORD;

/** What the byline item shows (its title and tooltip): Forge's dynamic properties, and the popup's heading. */
export interface SyncBylineText {
  state: SyncState | null;
  title: string;
  tooltip: string;
}

/** The page is not an HDC event page: the item stays, saying so quietly (Forge gives bylines no display condition). */
export const NOT_AN_EVENT_BYLINE: SyncBylineText = {
  state: null,
  title: 'HDC Ops',
  tooltip: 'This page is not an HDC event page: there is no sync to show.',
};

/** Two or more events reference the page (a duplicate reference): no one state is the page's. */
export const DUPLICATE_EVENTS_BYLINE: SyncBylineText = {
  state: null,
  title: 'HDC sync',
  tooltip: 'Two or more HDC events reference this page: an HDC operator resolves it in the orphan-page cleanup.',
};

/** The sync state could not be read now: say so, never guess a state. */
export const UNKNOWN_SYNC_BYLINE: SyncBylineText = {
  state: null,
  title: 'HDC sync',
  tooltip: 'The sync state could not be read just now: open for details.',
};

export function syncBylineText(view: EventSyncView): SyncBylineText {
  const state: SyncState = view.state?.status ?? 'not_synced';
  const counts =
    view.state === null
      ? `${countOf(view.submittedHacks, 'submitted hack', 'submitted hacks')}, none synced yet`
      : `${view.state.pushedCount} pushed, ${view.state.skippedCount} skipped, ${view.state.failedCount} failed`;
  return {
    state,
    title: `Sync: ${SYNC_STATE_WORD[state]}`,
    tooltip: `${view.name}: ${counts}. Open for the sync panel's facts.`,
  };
}
