import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import TextField from '@atlaskit/textfield';
import Tooltip from '@atlaskit/tooltip';
import { useEffect, useState } from 'react';
import { router } from '@forge/bridge';
import type { RegistryEvent } from '../../../../src/contract/results';
import { LifecycleBadge, SyncBadge } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { useSyncChanges } from '../../shared/macro-events';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 250;

const eventPageUrl = (pageId: string) => `/wiki/pages/viewpage.action?pageId=${encodeURIComponent(pageId)}`;

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
  useSyncChanges(reload);

  if (context === null) return <Loading what="the page" />;
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="registry-heading">
      <h1 id="registry-heading">HDC events</h1>
      <div className="hdc-row" role="search">
        <label htmlFor="registry-search">Search by name</label>
        <div className="hdc-grow">
          <TextField
            id="registry-search"
            type="search"
            value={search}
            maxLength={200}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </div>
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
          {/* Paging only when there is more than one page. */}
          {cursors.length > 1 || reply.data.nextCursor !== null ? (
            <nav className="hdc-row" aria-label="Pages of events">
              <Button isDisabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
                Previous
              </Button>
              <span className="hdc-subtle">Page {cursors.length}</span>
              <Button
                isDisabled={reply.data.nextCursor === null}
                onClick={() => {
                  const next = reply.data.nextCursor;
                  if (next !== null) setCursors((list) => [...list, next]);
                }}
              >
                Next
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </main>
  );
}

const HEAD = {
  cells: [
    { key: 'event', content: 'Event' },
    { key: 'lifecycle', content: 'Lifecycle' },
    { key: 'sync', content: 'Sync' },
  ],
};

function RegistryTable({ events }: { events: RegistryEvent[] }) {
  const rows = events.map((event) => ({
    key: event.id,
    cells: [
      {
        key: 'event',
        content: (
          <>
            {event.isNavigable && event.pageId !== null ? (
              <EventLink pageId={event.pageId} name={event.name} />
            ) : (
              <>
                {event.name}{' '}
                <Tooltip content="No Confluence page references this event">
                  {(trigger) => (
                    <span {...trigger} tabIndex={0}>
                      <Lozenge appearance="moved">No page</Lozenge>
                    </span>
                  )}
                </Tooltip>
              </>
            )}
            {event.archived ? <span className="hdc-subtle"> (archived)</span> : null}
          </>
        ),
      },
      { key: 'lifecycle', content: <LifecycleBadge lifecycle={event.lifecycle} /> },
      { key: 'sync', content: <SyncBadge status={event.syncStatus} /> },
    ],
  }));
  return <DynamicTable head={HEAD} rows={rows} label="HDC events" />;
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
