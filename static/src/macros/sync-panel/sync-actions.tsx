import { useRef, useState } from 'react';
import type { ErrorBody } from '../../../../src/contract/envelope';
import { ESCALATION_NOTE_MAX, ESCALATION_NOTE_MIN } from '../../../../src/contract/escalation-note';
import type { SyncAction } from '../../../../src/contract/sync-decision-tree';
import { ErrorNotice } from '../../shared/status-views';
import type { ActionAvailability } from './action-availability';

export type NoticeTone = 'success' | 'warning' | 'danger' | 'information';
export type ActionOutcome = { ok: true; summary: string; tone: NoticeTone } | { ok: false; error: ErrorBody };

interface Props {
  availability: ActionAvailability;
  lifecycle: string;
  onAction: (action: SyncAction, note?: string) => Promise<ActionOutcome>;
}

const RUNNING_LABEL: Record<SyncAction, string> = {
  complete: 'Complete + Sync is running…',
  end_early: 'Ending the event early and syncing…',
  retry: 'Retry Sync is running…',
  escalate: 'Recording the escalation…',
};

/**
 * Only the actions the tree allows here are offered (the backend enforces the same). Completing is
 * irreversible: its confirmation has Cancel first and focused; ending an event early asks twice.
 */
export function SyncActions({ availability, lifecycle, onAction }: Props) {
  const [running, setRunning] = useState<SyncAction | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [note, setNote] = useState('');
  const [understood, setUnderstood] = useState(false);
  const confirmDialog = useRef<HTMLDialogElement>(null);
  const earlyDialog = useRef<HTMLDialogElement>(null);
  const cancelComplete = useRef<HTMLButtonElement>(null);
  const cancelEarly = useRef<HTMLButtonElement>(null);
  /** Opens a confirmation with Cancel focused: Enter on it does not complete the event. */
  const confirmWith = (dialog: HTMLDialogElement | null, cancel: HTMLButtonElement | null) => {
    dialog?.showModal();
    cancel?.focus();
  };
  const { blocked } = availability;
  const can = (action: SyncAction) => blocked[action] === undefined;

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
  const noteLength = note.trim().length;
  const offered = (['complete', 'end_early', 'retry', 'escalate'] as const).some(can);
  if (!offered && outcome === null) return null;
  return (
    <section className="hdc-section" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="hdc-row">
        {can('complete') ? (
          <button type="button" className="hdc-button hdc-button-primary" disabled={busy} onClick={() => confirmWith(confirmDialog.current, cancelComplete.current)}>
            Complete + Sync
          </button>
        ) : null}
        {can('end_early') ? (
          <button
            type="button"
            className="hdc-button hdc-button-warning"
            disabled={busy}
            onClick={() => {
              setUnderstood(false);
              confirmWith(earlyDialog.current, cancelEarly.current);
            }}
          >
            End early + Sync
          </button>
        ) : null}
        {can('retry') ? (
          <button type="button" className="hdc-button hdc-button-primary" disabled={busy} onClick={() => void run('retry')}>
            Retry Sync
          </button>
        ) : null}
      </div>

      {can('escalate') ? (
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
            minLength={ESCALATION_NOTE_MIN}
            maxLength={ESCALATION_NOTE_MAX}
            required
            aria-describedby="escalation-note-length"
            onChange={(event) => setNote(event.target.value)}
          />
          <p id="escalation-note-length" className="hdc-subtle">
            At least {ESCALATION_NOTE_MIN} characters ({noteLength} so far{noteLength < ESCALATION_NOTE_MIN ? `, ${ESCALATION_NOTE_MIN - noteLength} to go` : ''}).
          </p>
          <button type="submit" className="hdc-button hdc-button-warning" disabled={busy || noteLength < ESCALATION_NOTE_MIN}>
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
        {outcome?.ok ? <div className={`hdc-notice hdc-notice-${outcome.tone}`}>{outcome.summary}</div> : null}
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
            <button ref={cancelComplete} type="submit" value="cancel" className="hdc-button">
              Cancel
            </button>
            <button type="submit" value="confirm" className="hdc-button hdc-button-warning">
              Complete + Sync
            </button>
          </div>
        </form>
      </dialog>

      <dialog ref={earlyDialog} className="hdc-dialog" aria-labelledby="early-heading">
        <form
          method="dialog"
          onSubmit={(event) => {
            const submitter = event.nativeEvent.submitter;
            if (submitter instanceof HTMLButtonElement && submitter.value === 'confirm') void run('end_early');
          }}
        >
          <h2 id="early-heading">End the event early?</h2>
          <p>
            The event is still in <strong>{lifecycle}</strong>. Ending it now stops {lifecycle} for everyone, moves the event to
            results and syncs its submitted hacks. When all of them sync, the event becomes <strong>read-only</strong>. The early
            completion is audited.
          </p>
          <label className="hdc-row">
            <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />
            <span>I understand that {lifecycle} ends now for everyone.</span>
          </label>
          <div className="hdc-row">
            <button ref={cancelEarly} type="submit" value="cancel" className="hdc-button">
              Cancel
            </button>
            <button type="submit" value="confirm" className="hdc-button hdc-button-danger" disabled={!understood}>
              End the event early
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
