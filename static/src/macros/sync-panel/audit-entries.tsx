import type { AuditEntry } from '../../../../src/contract/results';
import type { Loaded } from '../../shared/use-resolver';
import { RelativeTime } from '../../shared/relative-time';

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
        <table className="hdc-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Result</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.slice(0, SHOWN).map((entry) => (
              <tr key={entry.id}>
                <td>
                  <RelativeTime iso={entry.createdAt} />
                </td>
                <td>{ACTION_LABEL[entry.action]}</td>
                <td>{statusAfter(entry) ?? '—'}</td>
                <td>{nameOf(entry.actorAccountId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
