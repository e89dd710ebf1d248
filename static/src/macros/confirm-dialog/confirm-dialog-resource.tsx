import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { view } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import type { ConfirmationAnswer, ConfirmationRequest } from '../../shared/confirmation';

async function requestOf(): Promise<ConfirmationRequest | null> {
  const [context] = await Promise.all([view.getContext(), view.theme.enable().catch(() => undefined)]);
  const modal = (context.extension as { modal?: { confirmation?: ConfirmationRequest } } | undefined)?.modal;
  return modal?.confirmation ?? null;
}

const answer = (confirmed: boolean) => view.close({ confirmed } satisfies ConfirmationAnswer);

/** `**text**` strong, the rest as text. */
function Paragraph({ text }: { text: string }) {
  return <p>{text.split('**').map((part, index) => (index % 2 === 1 ? <strong key={index}>{part}</strong> : part))}</p>;
}

/**
 * The content of the confirmation Confluence shows over the page (a bridge Modal): the heading,
 * what will happen, Cancel first and focused (Enter does not confirm), and the confirm button in the
 * action's appearance, enabled once a required acknowledgement is ticked.
 */
export function ConfirmDialogResource() {
  const [request, setRequest] = useState<ConfirmationRequest | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    void requestOf().then(setRequest);
  }, []);
  useEffect(() => {
    if (request !== null) cancel.current?.focus();
  }, [request]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void answer(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (request === null) return null;
  return (
    <main className="hdc-confirm" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading" className={`hdc-confirm-heading hdc-confirm-${request.appearance}`}>
        {request.heading}
      </h1>
      {request.paragraphs.map((text) => (
        <Paragraph key={text} text={text} />
      ))}
      {request.acknowledgement === undefined ? null : (
        <Checkbox
          isChecked={acknowledged}
          onChange={(event) => setAcknowledged(event.currentTarget.checked)}
          label={request.acknowledgement}
        />
      )}
      <div className="hdc-confirm-actions">
        <Button ref={cancel} appearance="subtle" onClick={() => void answer(false)}>
          Cancel
        </Button>
        <Button
          appearance={request.appearance}
          isDisabled={request.acknowledgement !== undefined && !acknowledged}
          onClick={() => void answer(true)}
        >
          {request.confirmLabel}
        </Button>
      </div>
    </main>
  );
}
