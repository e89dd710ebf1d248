import { useRef, useState } from 'react';
import type { ErrorBody } from '../../../../src/contract/envelope';
import type { SyncAction } from '../../../../src/contract/sync-decision-tree';
import { ErrorNotice } from '../../shared/status-views';
import type { ActionAvailability } from './action-availability';

export type ActionOutcome = { ok: true; summary: string } | { ok: false; error: ErrorBody };

interface Props {
  availability: ActionAvailability;
  onAction: (action: SyncAction, note?: string) => Promise<ActionOutcome>;
}

const RUNNING_LABEL: Record<SyncAction, string> = {
  complete: 'Complete + Sync is running…',
  retry: 'Retry Sync is running…',
  escalate: 'Recording the escalation…',
};

export function SyncActions({ availability, onAction }: Props) {
  const [running, setRunning] = useState<SyncAction | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [note, setNote] = useState('');
  const confirmDialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const { blocked } = availability;

  async function run(action: SyncAction, withNote?: string) {
    setRunning(action);
    setOutcome(null);
    try {
      const result = await onAction(action, withNote);
      setOutcome(result);
      if (result.ok && action === 'escalate') setNote('');
    } finally {
      setRunning(null);
    }
  }

  const busy = running !== null;
  return (
    <section className="hdc-section" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="hdc-row">
        <button
          type="button"
          className="hdc-button hdc-button-primary"
          disabled={busy || blocked.complete !== undefined}
          aria-describedby={blocked.complete ? 'complete-blocked' : undefined}
          onClick={() => {
            confirmDialog.current?.showModal();
            // The safe choice has the focus: Enter on the confirmation does not complete the event.
            cancelButton.current?.focus();
          }}
        >
          Complete + Sync
        </button>
        <button
          type="button"
          className="hdc-button"
          disabled={busy || blocked.retry !== undefined}
          aria-describedby={blocked.retry ? 'retry-blocked' : undefined}
          onClick={() => void run('retry')}
        >
          Retry Sync
        </button>
      </div>
      {blocked.complete ? (
        <p id="complete-blocked" className="hdc-subtle">
          Complete + Sync: {blocked.complete}
        </p>
      ) : null}
      {blocked.retry ? (
        <p id="retry-blocked" className="hdc-subtle">
          Retry Sync: {blocked.retry}
        </p>
      ) : null}

      {blocked.escalate === undefined ? (
        <form
          className="hdc-stack"
          onSubmit={(event) => {
            event.preventDefault();
            void run('escalate', note);
          }}
        >
          <label htmlFor="escalation-note">
            <strong>Escalation note</strong>
            <span className="hdc-subtle"> — what you checked and who you told (audited, with the latest sync telemetry)</span>
          </label>
          <textarea
            id="escalation-note"
            className="hdc-input"
            value={note}
            minLength={10}
            maxLength={2000}
            required
            onChange={(event) => setNote(event.target.value)}
          />
          <button type="submit" className="hdc-button hdc-button-warning" disabled={busy || note.trim().length < 10}>
            Record escalation
          </button>
        </form>
      ) : null}

      <div role="status" aria-live="polite">
        {running ? (
          <div className="hdc-stack">
            <p>{RUNNING_LABEL[running]}</p>
            <progress className="hdc-progress" aria-label={RUNNING_LABEL[running]} />
          </div>
        ) : null}
        {outcome?.ok ? <div className="hdc-notice hdc-notice-information">{outcome.summary}</div> : null}
      </div>
      {outcome && !outcome.ok ? <ErrorNotice error={outcome.error} /> : null}

      <dialog ref={confirmDialog} className="hdc-dialog" aria-labelledby="confirm-heading">
        <form
          method="dialog"
          onSubmit={(event) => {
            const submitter = event.nativeEvent.submitter;
            if (submitter instanceof HTMLButtonElement && submitter.value === 'confirm') void run('complete');
          }}
        >
          <h2 id="confirm-heading">Complete the event and sync its hacks?</h2>
          <p>
            Every submitted hack is copied to the library. When all of them sync, the event is completed and becomes
            <strong> read-only</strong>: this cannot be undone from here.
          </p>
          <div className="hdc-row">
            <button type="submit" value="confirm" className="hdc-button hdc-button-primary">
              Complete + Sync
            </button>
            <button ref={cancelButton} type="submit" value="cancel" className="hdc-button">
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
