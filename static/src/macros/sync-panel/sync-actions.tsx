import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import { Notice } from '../../shared/notice';
import type { NoticeAppearance } from '../../shared/notice';
import TextArea from '@atlaskit/textarea';
import { useId, useState } from 'react';
import type { ErrorBody } from '../../../../src/contract/envelope';
import { ESCALATION_NOTE_MAX, ESCALATION_NOTE_MIN } from '../../../../src/contract/escalation-note';
import type { SyncAction } from '../../../../src/contract/sync-decision-tree';
import { ErrorNotice } from '../../shared/status-views';
import type { ActionAvailability } from './action-availability';
import { confirmAction } from '../../shared/confirmation';

export type NoticeTone = NoticeAppearance;
export type ActionOutcome =
  { ok: true; title: string; summary: string; tone: NoticeTone } | { ok: false; error: ErrorBody };

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
  const [confirming, setConfirming] = useState(false);
  const noteId = useId();
  const can = (action: SyncAction) => availability.allowed.has(action);

  /** Complete and end early change the event for everyone: Confluence's own dialog asks first. */
  async function confirmThenRun(action: 'complete' | 'end_early') {
    setConfirming(true);
    try {
      const confirmed = await confirmAction(
        action === 'complete'
          ? {
              heading: 'Complete the event and sync its hacks?',
              confirmLabel: 'Complete + Sync',
              appearance: 'warning',
              paragraphs: [
                'Every submitted hack is copied to the library. When all of them sync, the event is completed and becomes **read-only**: this cannot be undone from here.',
              ],
            }
          : {
              heading: 'End the event early?',
              confirmLabel: 'End the event early',
              appearance: 'danger',
              paragraphs: [
                `The event is still in **${lifecycle}**. Ending it now stops ${lifecycle} for everyone, moves the event to results and syncs its submitted hacks. When all of them sync, the event becomes **read-only**. The early completion is audited.`,
              ],
              acknowledgement: `I understand that ${lifecycle} ends now for everyone.`,
            },
      );
      if (confirmed) await run(action);
    } finally {
      setConfirming(false);
    }
  }

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

  const busy = running !== null || confirming;
  const noteLength = note.trim().length;
  if (availability.allowed.size === 0 && outcome === null) return null;
  return (
    <section className="hdc-section hdc-stack" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="hdc-row">
        {can('complete') ? (
          <Button appearance="primary" isDisabled={busy} onClick={() => void confirmThenRun('complete')}>
            Complete + Sync
          </Button>
        ) : null}
        {can('end_early') ? (
          <Button appearance="warning" isDisabled={busy} onClick={() => void confirmThenRun('end_early')}>
            End early + Sync
          </Button>
        ) : null}
        {can('retry') ? (
          <Button appearance="primary" isDisabled={busy} onClick={() => void run('retry')}>
            Retry Sync
          </Button>
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
          <label htmlFor={noteId}>
            <strong>Escalation note</strong>
            <span className="hdc-subtle">
              {' '}
              — what you checked and who you told (audited, with the latest sync telemetry)
            </span>
          </label>
          <TextArea
            id={noteId}
            value={note}
            minimumRows={3}
            maxLength={ESCALATION_NOTE_MAX}
            isRequired
            aria-describedby={`${noteId}-length`}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <p id={`${noteId}-length`} className="hdc-subtle">
            At least {ESCALATION_NOTE_MIN} characters ({noteLength} so far
            {noteLength < ESCALATION_NOTE_MIN ? `, ${ESCALATION_NOTE_MIN - noteLength} to go` : ''}).
          </p>
          <div>
            <Button type="submit" appearance="warning" isDisabled={busy || noteLength < ESCALATION_NOTE_MIN}>
              Record escalation
            </Button>
          </div>
        </form>
      ) : null}

      <div role="status" aria-live="polite" className="hdc-stack">
        {running ? (
          <>
            <p>{RUNNING_LABEL[running]}</p>
            <ProgressBar isIndeterminate ariaLabel={RUNNING_LABEL[running]} />
          </>
        ) : null}
        {outcome?.ok ? (
          <Notice appearance={outcome.tone} title={outcome.title}>
            <p>{outcome.summary}</p>
          </Notice>
        ) : null}
      </div>
      {outcome && !outcome.ok ? <ErrorNotice error={outcome.error} /> : null}
    </section>
  );
}
