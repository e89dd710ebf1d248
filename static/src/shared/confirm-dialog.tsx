import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { useRef } from 'react';
import type { ReactNode } from 'react';

interface Props {
  isOpen: boolean;
  heading: string;
  confirmLabel: string;
  appearance: 'warning' | 'danger';
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A confirmation of an irreversible action, as the design system asks: a warning or danger modal,
 * Cancel first and focused (Enter does not confirm), Escape cancels.
 */
export function ConfirmDialog({
  isOpen,
  heading,
  confirmLabel,
  appearance,
  confirmDisabled = false,
  onConfirm,
  onClose,
  children,
}: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <ModalTransition>
      {isOpen ? (
        <Modal onClose={onClose} autoFocus={cancel} width="small">
          <ModalHeader>
            <ModalTitle appearance={appearance}>{heading}</ModalTitle>
          </ModalHeader>
          <ModalBody>{children}</ModalBody>
          <ModalFooter>
            <Button ref={cancel} appearance="subtle" onClick={onClose}>
              Cancel
            </Button>
            <Button
              appearance={appearance}
              isDisabled={confirmDisabled}
              onClick={() => {
                onClose();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
