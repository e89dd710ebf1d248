import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Select from '@atlaskit/select';
import type { CleanupScan, PlanItem } from '../../../../src/contract/cleanup';
import { ToneLozenge } from '../../shared/badges';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';

/** What the operator chose: pages to trash, and per event a relink target, a clear, or nothing. */
export interface Selection {
  trash: ReadonlySet<string>;
  events: ReadonlyMap<string, { action: 'relink'; toPageId: string } | { action: 'clear' }>;
}

export const emptySelection: Selection = { trash: new Set(), events: new Map() };

export function planItemsOf(selection: Selection): PlanItem[] {
  return [
    ...[...selection.trash].map((pageId): PlanItem => ({ action: 'trash', pageId })),
    ...[...selection.events].map(([eventId, choice]): PlanItem =>
      choice.action === 'relink'
        ? { action: 'relink', eventId, toPageId: choice.toPageId }
        : { action: 'clear', eventId },
    ),
  ];
}

const pageLink = (pageId: string, title: string) => (
  <a href={`/wiki/pages/viewpage.action?pageId=${pageId}`} target="_top">
    {title || `page ${pageId}`}
  </a>
);

const REASONS: Record<string, string> = {
  missing: 'Page not found',
  trashed: 'Page in the trash',
  archived: 'Page archived',
  deleted: 'Page deleted',
  moved: 'Page no longer under the HDC parent',
};

interface FindingsProps {
  scan: CleanupScan;
  filter: string;
  selection: Selection;
  onChange: (selection: Selection) => void;
}

/** The findings of a scan, grouped by kind, with evidence, links and a choice per finding. */
export function FindingsView({ scan, filter, selection, onChange }: FindingsProps) {
  const findings = scan.findings;
  if (findings === undefined) return null;
  const match = (text: string) => filter === '' || text.toLowerCase().includes(filter.toLowerCase());
  const orphans = findings.orphanPages.filter((page) => match(page.title));
  const dangling = findings.danglingEvents.filter((event) => match(event.name));
  const duplicates = findings.duplicateReferences.filter((duplicate) =>
    match(`${duplicate.title ?? ''} ${duplicate.events.map((e) => e.name).join(' ')}`),
  );
  const toggleTrash = (pageId: string) => {
    const trash = new Set(selection.trash);
    if (trash.has(pageId)) trash.delete(pageId);
    else trash.add(pageId);
    onChange({ ...selection, trash });
  };
  // A page an event is being relinked to stays: it cannot be ticked for the trash as well.
  const relinkedBy = new Map(
    [...selection.events].flatMap(([eventId, choice]) => {
      const name =
        findings.danglingEvents.find((event) => event.eventId === eventId)?.name ??
        findings.duplicateReferences.flatMap((d) => d.events).find((event) => event.eventId === eventId)?.name ??
        eventId;
      return choice.action === 'relink' ? [[choice.toPageId, name] as const] : [];
    }),
  );
  const setEvent = (eventId: string, choice: string, suggested: string | null) => {
    const events = new Map(selection.events);
    const trash = new Set(selection.trash);
    if (choice === 'relink' && suggested !== null) {
      events.set(eventId, { action: 'relink', toPageId: suggested });
      trash.delete(suggested);
    } else if (choice === 'clear') events.set(eventId, { action: 'clear' });
    else events.delete(eventId);
    onChange({ ...selection, events, trash });
  };
  const choiceOf = (eventId: string) => selection.events.get(eventId)?.action ?? 'none';

  return (
    <div className="hdc-stack">
      <section className="hdc-section" aria-labelledby="orphan-pages-heading">
        <div className="hdc-row">
          <h3 id="orphan-pages-heading">Orphan pages ({findings.orphanPages.length})</h3>
          {orphans.length > 0 ? (
            <Button
              appearance="subtle"
              onClick={() =>
                onChange({
                  ...selection,
                  trash: new Set([
                    ...selection.trash,
                    ...orphans.map((page) => page.pageId).filter((id) => !relinkedBy.has(id)),
                  ]),
                })
              }
            >
              Select all shown
            </Button>
          ) : null}
        </div>
        <p className="hdc-subtle">
          Pages under the HDC parent that no event references. Trash moves them to the Confluence trash (restorable).
        </p>
        {orphans.length === 0 ? (
          <p className="hdc-subtle">None{filter ? ' match the filter' : ''}.</p>
        ) : (
          <SimpleTable
            columns={[
              {
                header: 'Trash',
                cell: (page) => (
                  <Checkbox
                    aria-label={`Trash ${page.title}`}
                    isChecked={selection.trash.has(page.pageId)}
                    isDisabled={relinkedBy.has(page.pageId)}
                    onChange={() => toggleTrash(page.pageId)}
                  />
                ),
              },
              {
                header: 'Page',
                cell: (page) => (
                  <>
                    {pageLink(page.pageId, page.title)}
                    {relinkedBy.has(page.pageId) ? (
                      <div className="hdc-subtlest">
                        Kept: {relinkedBy.get(page.pageId)} is relinked to it, so it cannot be trashed.
                      </div>
                    ) : null}
                  </>
                ),
              },
              { header: 'Status', cell: (page) => page.status },
              { header: 'Children', cell: (page) => page.childCount },
              {
                header: 'Last modified',
                cell: (page) => (page.lastModified ? <RelativeTime iso={page.lastModified} /> : '—'),
              },
            ]}
            rows={orphans}
            rowKey={(page) => page.pageId}
          />
        )}
      </section>
      <section className="hdc-section" aria-labelledby="dangling-heading">
        <h3 id="dangling-heading">Dangling events ({findings.danglingEvents.length})</h3>
        <p className="hdc-subtle">
          Events whose page is gone, in the trash, archived or moved away. Relink them to their page, or clear the
          reference.
        </p>
        {dangling.length === 0 ? (
          <p className="hdc-subtle">None{filter ? ' match the filter' : ''}.</p>
        ) : (
          <SimpleTable
            columns={[
              {
                header: 'Event',
                cell: (event) => (
                  <>
                    {event.name}
                    <div className="hdc-subtlest">
                      page {event.pageId}
                      {event.pageTitle ? ` (${event.pageTitle})` : ''}
                    </div>
                  </>
                ),
              },
              {
                header: 'Why',
                cell: (event) => <ToneLozenge tone="warning">{REASONS[event.reason] ?? event.reason}</ToneLozenge>,
              },
              {
                header: 'Action',
                cell: (event) => (
                  <EventActionSelect
                    event={event}
                    value={choiceOf(event.eventId)}
                    onChange={(value) => setEvent(event.eventId, value, event.suggestedPage?.pageId ?? null)}
                  />
                ),
              },
            ]}
            rows={dangling}
            rowKey={(event) => event.eventId}
          />
        )}
      </section>
      <section className="hdc-section" aria-labelledby="duplicates-heading">
        <h3 id="duplicates-heading">Duplicate references ({findings.duplicateReferences.length})</h3>
        <p className="hdc-subtle">
          Pages that two or more events reference. The oldest event keeps the page by default; clear the others.
        </p>
        {duplicates.length === 0 ? (
          <p className="hdc-subtle">None{filter ? ' match the filter' : ''}.</p>
        ) : (
          duplicates.map((duplicate) => (
            <div key={duplicate.pageId} className="hdc-stack">
              <p>{pageLink(duplicate.pageId, duplicate.title ?? '')} is referenced by:</p>
              <ul>
                {duplicate.events.map((event, index) => (
                  <li key={event.eventId}>
                    <Checkbox
                      isDisabled={index === 0}
                      isChecked={choiceOf(event.eventId) === 'clear'}
                      onChange={(change) =>
                        setEvent(event.eventId, change.currentTarget.checked ? 'clear' : 'none', null)
                      }
                      label={index === 0 ? `${event.name} keeps the page` : `Clear the reference of ${event.name}`}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </div>
  );
}

type EventChoice = 'none' | 'relink' | 'clear';

/** What to do with a dangling event: leave it, relink it to its suggested page, or clear the reference. */
function EventActionSelect({
  event,
  value,
  onChange,
}: {
  event: { eventId: string; name: string; suggestedPage: { title: string } | null };
  value: string;
  onChange: (value: EventChoice) => void;
}) {
  const options: { value: EventChoice; label: string }[] = [
    { value: 'none', label: 'Leave as it is' },
    ...(event.suggestedPage ? [{ value: 'relink' as const, label: `Relink to “${event.suggestedPage.title}”` }] : []),
    { value: 'clear', label: 'Clear the page reference' },
  ];
  return (
    <Select
      inputId={`action-${event.eventId}`}
      label={`Action for ${event.name}`}
      options={options}
      value={options.find((option) => option.value === value) ?? options[0]}
      onChange={(option) => {
        if (option) onChange(option.value);
      }}
    />
  );
}
