import type { Envelope } from '../../../../src/contract/envelope';
import type { EventStatusView } from '../../../../src/contract/results';
import { syncBylineText } from '../../../../src/contract/sync-byline';
import { SyncFacts } from '../../features/sync-facts/sync-facts';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { Notice } from '../../shared/notice';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';

/**
 * One request per page view: the popup asks once for its page and keeps the answer while the page is
 * open, however often the byline item is opened again (a failure is not kept: opening again retries).
 */
const statusOfPage = new Map<string, Promise<Envelope<EventStatusView>>>();
function statusOnce(pageId: string): Promise<Envelope<EventStatusView>> {
  const cached = statusOfPage.get(pageId);
  if (cached !== undefined) return cached;
  const request = callResolver('sync.status', { pageId }).then((reply) => {
    if (!reply.ok) statusOfPage.delete(pageId);
    return reply;
  });
  statusOfPage.set(pageId, request);
  return request;
}

/** hdc-sync-byline's popup: the event's sync facts, and where to act on them (the sync panel on the page). */
export function SyncBylinePopup() {
  const context = useMacroContext();
  const pageId = context?.pageId;
  const [status, reload] = useResolver(
    pageId === undefined ? null : () => statusOnce(pageId),
    `byline:${pageId ?? ''}`,
  );
  if (context === null || (pageId !== undefined && status.phase === 'loading'))
    return <Loading what="the sync state" />;
  if (pageId === undefined || (status.phase === 'failed' && status.error.code === 'not_found')) {
    return <Empty title="Not an HDC event page">There is no HDC event sync to show on this page.</Empty>;
  }
  if (status.phase === 'failed') return <ErrorNotice error={status.error} onRetry={reload} />;
  if (status.phase !== 'ready') return null;
  const view = status.data;
  const state = view.state;
  return (
    <main
      className="hdc-stack hdc-byline"
      aria-labelledby="panel-heading"
      data-byline-state={syncBylineText(view).state}
    >
      <SyncFacts view={view} />
      {state && state.status !== 'complete' ? (
        <Notice appearance={state.status === 'failed' ? 'error' : 'warning'} title="What to do">
          <p>{state.guidance}</p>
        </Notice>
      ) : null}
      <p className="hdc-subtle">
        Complete + Sync and Retry Sync are on this page's sync panel, for the event's admins.
      </p>
    </main>
  );
}
