import { Modal } from '@forge/bridge';

/**
 * A confirmation of an irreversible action, shown by Confluence as its own dialogs are (the bridge's
 * Modal covers the whole page, not only the macro's frame). What the dialog says travels as data to
 * the `confirm-dialog` resource; `**text**` is shown strong.
 */
export interface ConfirmationRequest {
  heading: string;
  confirmLabel: string;
  appearance: 'warning' | 'danger';
  paragraphs: string[];
  /** A statement the person ticks before the confirm button is enabled. */
  acknowledgement?: string;
}

/** What the confirm-dialog resource closes with. */
export interface ConfirmationAnswer {
  confirmed: boolean;
}

/** Opens the dialog; true when the person confirmed (Cancel, Escape and a click outside are no). */
export function confirmAction(request: ConfirmationRequest): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const modal = new Modal({
      resource: 'confirm-dialog',
      size: 'small',
      // Confluence names the dialog by it (its accessible name); the resource shows the heading itself.
      title: request.heading,
      context: { confirmation: request },
      onClose: (answer?: ConfirmationAnswer) => resolve(answer?.confirmed === true),
    });
    modal.open().catch(reject);
  });
}
