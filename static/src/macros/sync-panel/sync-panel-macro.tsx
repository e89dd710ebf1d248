import type { EventStatusView, SyncResult } from '../../../../src/contract/results';
import type { SyncAction } from '../../../../src/contract/sync-decision-tree';
import { LifecycleBadge, SyncBadge } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { useMacroContext } from '../../shared/macro-context';
import { RelativeTime } from '../../shared/relative-time';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { actionAvailability } from './action-availability';
import { AuditEntries } from './audit-entries';
import { FailedItems } from './failed-items';
import { SyncActions } from './sync-actions';
import type { ActionOutcome } from './sync-actions';

function attemptSummary(result: SyncResult): string {
  const { attempt, state } = result;
  const verb = attempt.action === 'complete' ? 'Complete + Sync' : 'Retry Sync';
  return `${verb} finished: ${state?.status ?? 'no status'}. ${attempt.pushed} pushed, ${attempt.skipped} skipped, ${attempt.failed} failed.`;
}

export function SyncPanelMacro() {
  const context = useMacroContext();
  const pageId = context?.pageId;
  const [status, reloadStatus] = useResolver(
    pageId === undefined ? null : () => callResolver('sync.status', { pageId }),
    `status:${pageId ?? ''}`,
  );
  const eventId = status.phase === 'ready' ? status.data.eventId : undefined;
  const [audit, reloadAudit] = useResolver(
    eventId === undefined ? null : () => callResolver('audit.list', { eventId }),
    `audit:${eventId ?? ''}`,
  );

  if (context === null) return <Loading what="the page" />;
  if (pageId === undefined) {
    return <Empty title="No page">This macro works on an HDC event page.</Empty>;
  }
  if (status.phase === 'loading') return <Loading what="the sync status" />;
  if (status.phase === 'failed') {
    if (status.error.code === 'not_found') {
      return (
        <Empty title="This page is not an HDC event page">
          Put the sync panel on an event page (a child page of the HDC parent page).
        </Empty>
      );
    }
    return <ErrorNotice error={status.error} onRetry={reloadStatus} />;
  }

  const view = status.data;
  const availability = actionAvailability(view);

  async function onAction(action: SyncAction, note?: string): Promise<ActionOutcome> {
    const id = view.eventId;
    if (action === 'escalate') {
      const reply = await callResolver('sync.escalate', { eventId: id, note: note ?? '', idempotencyKey: newIdempotencyKey() });
      reloadStatus();
      reloadAudit();
      return reply.ok ? { ok: true, summary: 'Escalation recorded: one more Retry Sync is allowed.' } : reply;
    }
    const reply = await callResolver(action === 'complete' ? 'sync.complete' : 'sync.retry', { eventId: id, idempotencyKey: newIdempotencyKey() });
    reloadStatus();
    reloadAudit();
    return reply.ok ? { ok: true, summary: attemptSummary(reply.data) } : reply;
  }

  return <SyncPanelView view={view} availability={availability} onAction={onAction} audit={audit} />;
}

function SyncPanelView({
  view,
  availability,
  onAction,
  audit,
}: {
  view: EventStatusView;
  availability: ReturnType<typeof actionAvailability>;
  onAction: (action: SyncAction, note?: string) => Promise<ActionOutcome>;
  audit: Parameters<typeof AuditEntries>[0]['audit'];
}) {
  const state = view.state;
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="panel-heading">
      <header className="hdc-stack">
        <h1 id="panel-heading">Event sync — {view.name}</h1>
        <div className="hdc-row">
          <LifecycleBadge lifecycle={view.lifecycle} />
          <SyncBadge status={state?.status ?? 'not_synced'} />
          {view.viewerRole ? (
            <span className="hdc-subtle">You are {view.viewerRole === 'primary' ? 'the primary admin' : 'a co-admin'}.</span>
          ) : (
            <span className="hdc-subtle">You can read this status; sync is for the event's admins.</span>
          )}
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

      <div className="hdc-notice hdc-notice-information" aria-labelledby="guidance-heading">
        <p id="guidance-heading" className="hdc-notice-title">
          Next step: {availability.leaf.label}
        </p>
        <p>{state?.guidance ?? availability.leaf.explanation}</p>
        {state?.guidance ? <p className="hdc-subtle">{availability.leaf.explanation}</p> : null}
        {state?.escalation ? (
          <p className="hdc-subtle">
            Escalated by {state.escalation.accountId} <RelativeTime iso={state.escalation.at} />: “{state.escalation.note}”
          </p>
        ) : null}
      </div>

      <FailedItems items={state?.failedItems ?? []} />
      <SyncActions availability={availability} onAction={onAction} />
      <AuditEntries audit={audit} />
    </main>
  );
}
