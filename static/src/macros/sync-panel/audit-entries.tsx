import type { AuditEntry } from '../../../../src/contract/results';
import type { Loaded } from '../../shared/use-resolver';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';

const ACTION_LABEL: Record<AuditEntry['action'], string> = {
  sync_complete: 'Complete + Sync: complete',
  sync_partial: 'Complete + Sync: partial',
  sync_failed: 'Complete + Sync: failed',
  sync_retry: 'Retry Sync',
  sync_escalated: 'Escalation recorded',
  sync_ended_early: 'Event ended early',
};
const SHOWN = 5;

/** The sync status the entry left behind (audit rows snapshot the event and its sync state). */
function statusAfter(entry: AuditEntry): string | undefined {
  const after = entry.after as { sync?: { status?: unknown } | null } | null;
  return typeof after?.sync?.status === 'string' ? after.sync.status : undefined;
}

export function AuditEntries({
  audit,
  nameOf,
}: {
  audit: Loaded<AuditEntry[]>;
  nameOf: (accountId: string) => string;
}) {
  return (
    <section className="hdc-section" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Latest audit entries</h2>
      {audit.phase === 'loading' ? <p className="hdc-subtle">Loading…</p> : null}
      {audit.phase === 'failed' ? (
        <p className="hdc-subtle">
          {audit.error.code === 'forbidden' ? "The audit log is visible to the event's admins." : audit.error.message}
        </p>
      ) : null}
      {audit.phase === 'ready' && audit.data.length === 0 ? <p className="hdc-subtle">No sync has run yet.</p> : null}
      {audit.phase === 'ready' && audit.data.length > 0 ? (
        <SimpleTable
          columns={[
            { header: 'When', cell: (entry) => <RelativeTime iso={entry.createdAt} /> },
            { header: 'What', cell: (entry) => ACTION_LABEL[entry.action] },
            { header: 'Result', cell: (entry) => statusAfter(entry) ?? '—' },
            { header: 'Who', cell: (entry) => nameOf(entry.actorAccountId) },
          ]}
          rows={audit.data.slice(0, SHOWN)}
          rowKey={(entry) => entry.id}
        />
      ) : null}
    </section>
  );
}
