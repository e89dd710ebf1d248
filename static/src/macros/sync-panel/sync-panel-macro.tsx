import type { EventStatusView, SyncResult } from '../../../../src/contract/results';
import type { SyncStatus } from '../../../../src/contract/lifecycle';
import { SYNC_ACTION_LABEL } from '../../../../src/contract/sync-decision-tree';
import type { SyncAction, TreeOutcome } from '../../../../src/contract/sync-decision-tree';
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
import type { ActionOutcome, NoticeTone } from './sync-actions';

const RESULT_WORD: Record<SyncStatus, string> = { complete: 'Complete', partial: 'Partial', failed: 'Failed' };
const RESULT_TONE: Record<SyncStatus, NoticeTone> = { complete: 'success', partial: 'warning', failed: 'danger' };

function attemptOutcome(result: SyncResult): ActionOutcome {
  const { attempt, state } = result;
  const status = state?.status ?? 'failed';
  return {
    ok: true,
    tone: RESULT_TONE[status],
    summary: `${SYNC_ACTION_LABEL[attempt.action]}: ${RESULT_WORD[status]}. ${attempt.pushed} pushed, ${attempt.skipped} skipped, ${attempt.failed} failed.`,
  };
}

/** Appearance follows meaning: blocked or waiting is a warning, an incident an error. */
const GUIDANCE_TONE: Record<TreeOutcome, NoticeTone> = {
  not_ready: 'information',
  end_early: 'warning',
  run_sync: 'information',
  nothing_to_do: 'success',
  retry_once: 'warning',
  escalate: 'danger',
  fix_root_cause: 'danger',
  data_quality_incident: 'danger',
};

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
      return reply.ok ? { ok: true, tone: 'information', summary: 'Escalation recorded: one more Retry Sync is allowed.' } : reply;
    }
    const reply = action === 'retry'
      ? await callResolver('sync.retry', { eventId: id, idempotencyKey: newIdempotencyKey() })
      : await callResolver('sync.complete', { eventId: id, idempotencyKey: newIdempotencyKey(), ...(action === 'end_early' ? { endEarly: true } : {}) });
    reloadStatus();
    reloadAudit();
    return reply.ok ? attemptOutcome(reply.data) : reply;
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

      {availability.isAdmin ? (
        <div className={`hdc-notice hdc-notice-${GUIDANCE_TONE[availability.leaf.outcome]}`} aria-labelledby="guidance-heading">
          <p id="guidance-heading" className="hdc-notice-title">
            Next step: {availability.leaf.label}
          </p>
          <p>{availability.leaf.explanation}</p>
        </div>
      ) : (
        <div className="hdc-notice hdc-notice-information" aria-labelledby="admins-heading">
          <p id="admins-heading" className="hdc-notice-title">Sync is run by the event's admins</p>
          <p>
            {view.admins.length === 0
              ? 'This event has no admin yet: ask the HDC operators.'
              : `Ask ${view.admins.map((admin) => `${admin.accountId} (${admin.role === 'primary' ? 'primary admin' : 'co-admin'})`).join(' or ')}.`}
          </p>
        </div>
      )}
      {state?.escalation ? (
        <section className="hdc-section" aria-labelledby="escalation-heading">
          <h2 id="escalation-heading">Latest escalation</h2>
          <blockquote className="hdc-quote">{state.escalation.note}</blockquote>
          <p className="hdc-subtle">
            {state.escalation.accountId}, <RelativeTime iso={state.escalation.at} />
            {state.escalation.usedAt === null ? ' · allows one more Retry Sync' : <> · used by the retry <RelativeTime iso={state.escalation.usedAt} /></>}
          </p>
        </section>
      ) : null}

      <FailedItems items={state?.failedItems ?? []} />
      <SyncActions availability={availability} lifecycle={view.lifecycle.replace('_', ' ')} onAction={onAction} />
      <AuditEntries audit={audit} />
    </main>
  );
}
