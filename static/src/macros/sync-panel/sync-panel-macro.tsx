import { Notice } from '../../shared/notice';
import type { Envelope } from '../../../../src/contract/envelope';
import type { EventStatusView, SyncResult } from '../../../../src/contract/results';
import type { SyncStatus } from '../../../../src/contract/lifecycle';
import { SYNC_STATE_WORD } from '../../../../src/contract/sync-byline';
import { SYNC_ACTION_LABEL } from '../../../../src/contract/sync-decision-tree';
import type { SyncAction } from '../../../../src/contract/sync-decision-tree';
import { NextStepNotice } from '../../shared/next-step-notice';
import { SyncFacts } from '../../features/sync-facts/sync-facts';
import { callResolver } from '../../shared/backend';
import { useDisplayNames } from '../../shared/display-names';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { useMacroContext } from '../../shared/macro-context';
import { announceSyncChanged, useSyncChanges } from '../../shared/macro-events';
import { RelativeTime } from '../../shared/relative-time';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { actionAvailability } from './action-availability';
import { AuditEntries } from './audit-entries';
import { FailedItems } from './failed-items';
import { SyncActions } from './sync-actions';
import type { ActionOutcome, NoticeTone } from './sync-actions';

/** One vocabulary for results: Complete, Partial, Failed; appearance follows meaning. */
const RESULT: Record<SyncStatus, { word: string; tone: NoticeTone }> = {
  complete: { word: SYNC_STATE_WORD.complete, tone: 'success' },
  partial: { word: SYNC_STATE_WORD.partial, tone: 'warning' },
  failed: { word: SYNC_STATE_WORD.failed, tone: 'error' },
};

function attemptOutcome(result: SyncResult): ActionOutcome {
  const { attempt, state } = result;
  const { word, tone } = RESULT[state?.status ?? 'failed'];
  return {
    ok: true,
    tone,
    title: `${SYNC_ACTION_LABEL[attempt.action]}: ${word}`,
    summary: `${attempt.pushed} pushed, ${attempt.skipped} skipped, ${attempt.failed} failed.`,
  };
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
  // Another macro on the page changed a sync (a second panel, a reload elsewhere): show it.
  useSyncChanges(() => {
    reloadStatus();
    reloadAudit();
  });

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
  async function onAction(action: SyncAction, note?: string): Promise<ActionOutcome> {
    const id = view.eventId;
    if (action === 'escalate') {
      const reply = await callResolver('sync.escalate', {
        eventId: id,
        note: note ?? '',
        idempotencyKey: newIdempotencyKey(),
      });
      return settled(reply, () => ({
        ok: true,
        tone: 'information',
        title: 'Escalation recorded',
        summary: 'One more Retry Sync is allowed.',
      }));
    }
    const reply =
      action === 'retry'
        ? await callResolver('sync.retry', { eventId: id, idempotencyKey: newIdempotencyKey() })
        : await callResolver('sync.complete', {
            eventId: id,
            idempotencyKey: newIdempotencyKey(),
            ...(action === 'end_early' ? { endEarly: true } : {}),
          });
    return settled(reply, attemptOutcome);
  }

  /** After any action: reload, tell the other macros on the page, and say how it went. */
  function settled<T>(reply: Envelope<T>, outcomeOf: (data: T) => ActionOutcome): ActionOutcome {
    reloadStatus();
    reloadAudit();
    if (!reply.ok) return reply;
    announceSyncChanged({ eventId: view.eventId });
    return outcomeOf(reply.data);
  }

  return <SyncPanelView view={view} onAction={onAction} audit={audit} />;
}

function SyncPanelView({
  view,
  onAction,
  audit,
}: {
  view: EventStatusView;
  onAction: (action: SyncAction, note?: string) => Promise<ActionOutcome>;
  audit: Parameters<typeof AuditEntries>[0]['audit'];
}) {
  const availability = actionAvailability(view);
  const state = view.state;
  const nameOf = useDisplayNames([
    ...view.admins.map((admin) => admin.accountId),
    ...(state?.failedItems.flatMap((item) => (item.ownerAccountId === null ? [] : [item.ownerAccountId])) ?? []),
    ...(state?.escalation ? [state.escalation.accountId] : []),
    ...(audit.phase === 'ready' ? audit.data.map((entry) => entry.actorAccountId) : []),
  ]);
  const admins = view.admins.map(
    (admin) => `${nameOf(admin.accountId)} (${admin.role === 'primary' ? 'primary admin' : 'co-admin'})`,
  );
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="panel-heading">
      <SyncFacts
        view={view}
        aside={
          view.viewerRole ? (
            <span className="hdc-subtle">
              You are {view.viewerRole === 'primary' ? 'the primary admin' : 'a co-admin'}.
            </span>
          ) : null
        }
      />

      {availability.isAdmin ? (
        <NextStepNotice leaf={availability.leaf} viewerMayAct />
      ) : (
        <Notice appearance="information" title="Sync is run by the event's admins">
          <p>
            {admins.length === 0
              ? 'This event has no admin yet: ask the HDC operators.'
              : `Ask ${admins.join(' or ')}.`}
          </p>
        </Notice>
      )}

      {state?.escalation ? (
        <section className="hdc-section" aria-labelledby="escalation-heading">
          <h2 id="escalation-heading">Latest escalation</h2>
          <blockquote className="hdc-quote">{state.escalation.note}</blockquote>
          <p className="hdc-subtle">
            {nameOf(state.escalation.accountId)}, <RelativeTime iso={state.escalation.at} />
            {state.escalation.usedAt === null ? (
              ' · allows one more Retry Sync'
            ) : (
              <>
                {' '}
                · used by the retry <RelativeTime iso={state.escalation.usedAt} />
              </>
            )}
          </p>
        </section>
      ) : null}

      <FailedItems items={state?.failedItems ?? []} nameOf={nameOf} />
      <SyncActions availability={availability} lifecycle={view.lifecycle.replace('_', ' ')} onAction={onAction} />
      <AuditEntries audit={audit} nameOf={nameOf} />
    </main>
  );
}
