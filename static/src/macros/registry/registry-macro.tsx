import { useEffect, useState } from 'react';
import { router } from '@forge/bridge';
import type { RegistryEvent } from '../../../../src/contract/results';
import { LifecycleBadge, SyncBadge } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 250;

export const eventPageUrl = (pageId: string) => `/wiki/pages/viewpage.action?pageId=${encodeURIComponent(pageId)}`;

export function RegistryMacro() {
  const context = useMacroContext();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  // Cursors of the pages before the current one, so "Previous" needs no backwards query.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setCursors([undefined]);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const pageId = context?.pageId;
  const cursor = cursors.at(-1);
  const [reply, reload] = useResolver(
    context === null
      ? null
      : () =>
          callResolver('registry.list', {
            ...(pageId === undefined ? {} : { parentPageId: pageId }),
            limit: PAGE_SIZE,
            ...(cursor === undefined ? {} : { cursor }),
            ...(query === '' ? {} : { nameContains: query }),
          }),
    `registry:${pageId ?? ''}:${query}:${cursor ?? ''}`,
  );

  if (context === null) return <Loading what="the page" />;
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="registry-heading">
      <h1 id="registry-heading">HDC events</h1>
      <div className="hdc-row" role="search">
        <label htmlFor="registry-search">Search by name</label>
        <input
          id="registry-search"
          className="hdc-input"
          type="search"
          value={search}
          maxLength={200}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      {reply.phase === 'loading' ? <Loading what="events" /> : null}
      {reply.phase === 'failed' ? <ErrorNotice error={reply.error} onRetry={reload} /> : null}
      {reply.phase === 'ready' ? (
        <>
          {reply.data.events.length === 0 ? (
            <Empty title={query === '' ? 'No events under this page yet' : `No event name contains “${query}”`} />
          ) : (
            <RegistryTable events={reply.data.events} />
          )}
          <nav className="hdc-row" aria-label="Pages of events">
            <button
              type="button"
              className="hdc-button"
              disabled={cursors.length === 1}
              onClick={() => setCursors((list) => list.slice(0, -1))}
            >
              Previous
            </button>
            <span className="hdc-subtle">Page {cursors.length}</span>
            <button
              type="button"
              className="hdc-button"
              disabled={reply.data.nextCursor === null}
              onClick={() => {
                const next = reply.data.nextCursor;
                if (next !== null) setCursors((list) => [...list, next]);
              }}
            >
              Next
            </button>
          </nav>
        </>
      ) : null}
    </main>
  );
}

function RegistryTable({ events }: { events: RegistryEvent[] }) {
  return (
    <table className="hdc-table">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Lifecycle</th>
          <th scope="col">Sync</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-event-id={event.id}>
            <td>
              {event.isNavigable && event.pageId !== null ? (
                <EventLink pageId={event.pageId} name={event.name} />
              ) : (
                <>
                  {event.name}{' '}
                  <span className="hdc-badge hdc-tone-warning" title="No Confluence page references this event">
                    No page
                  </span>
                </>
              )}
              {event.archived ? <span className="hdc-subtle"> (archived)</span> : null}
            </td>
            <td>
              <LifecycleBadge lifecycle={event.lifecycle} />
            </td>
            <td>
              <SyncBadge status={event.syncStatus} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EventLink({ pageId, name }: { pageId: string; name: string }) {
  const url = eventPageUrl(pageId);
  return (
    <a
      href={url}
      onClick={(click) => {
        // The macro lives in an iframe: the host page navigates, as Confluence expects of Forge apps.
        click.preventDefault();
        void router.navigate(url);
      }}
    >
      {name}
    </a>
  );
}
