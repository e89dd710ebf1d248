import type { ReactNode } from 'react';
import type { EventSyncView } from '../../../../src/contract/results';
import { LifecycleBadge, SyncBadge } from '../../shared/badges';
import { RelativeTime } from '../../shared/relative-time';

/**
 * An event's sync facts, as the sync panel opens with them and the byline's popup shows them: its
 * name, lifecycle and sync result, the counts, and the last attempt.
 */
export function SyncFacts({ view, aside }: { view: EventSyncView; aside?: ReactNode }) {
  const state = view.state;
  return (
    <>
      <header className="hdc-stack">
        <h1 id="panel-heading">Event sync — {view.name}</h1>
        <div className="hdc-row">
          <LifecycleBadge lifecycle={view.lifecycle} />
          <SyncBadge status={state?.status ?? 'not_synced'} />
          {aside}
        </div>
      </header>

      <dl className="hdc-figures" aria-label="Sync counts">
        <div>
          <dt>Pushed</dt>
          <dd>{state?.pushedCount ?? 0}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{state?.skippedCount ?? 0}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{state?.failedCount ?? 0}</dd>
        </div>
        <div>
          <dt>Submitted hacks</dt>
          <dd>{view.submittedHacks}</dd>
        </div>
      </dl>
      <p className="hdc-subtle">
        {state ? (
          <>
            Last attempt <RelativeTime iso={state.lastAttemptAt} /> · attempt {state.attemptCount}
            {state.consecutiveFailures > 0
              ? ` · ${state.consecutiveFailures} ${state.consecutiveFailures === 1 ? 'failure' : 'failures in a row'}`
              : ''}
          </>
        ) : (
          'No sync has run for this event yet.'
        )}
      </p>
    </>
  );
}
