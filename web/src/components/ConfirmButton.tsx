import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { ErrorMessage } from './ErrorMessage';

interface ConfirmButtonProps {
  /** The button that opens the question. */
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  keepLabel: string;
  pending: boolean;
  error: unknown;
  /** Does the thing; calls `done` on success to close the dialog. */
  onConfirm(done: () => void): void;
  onOpenChange?(open: boolean): void;
  danger?: boolean;
}

/** A button asking "are you sure?" in a react-aria alert dialog before a change that matters. */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  keepLabel,
  pending,
  error,
  onConfirm,
  onOpenChange,
  danger = true,
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const tone = danger ? 'button button--danger' : 'button';
  return (
    <DialogTrigger
      isOpen={open}
      onOpenChange={(next) => {
        setOpen(next);
        onOpenChange?.(next);
      }}
    >
      <Button className="button button--secondary">{label}</Button>
      <Modal isDismissable>
        <Dialog role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title">{title}</Heading>
              <p>{body}</p>
              <ErrorMessage error={error} />
              <div className="actions">
                <Button className="button button--secondary" onPress={close} autoFocus>
                  {keepLabel}
                </Button>
                <Button className={tone} isDisabled={pending} onPress={() => onConfirm(close)}>
                  {confirmLabel}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}
