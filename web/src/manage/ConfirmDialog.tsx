import type { ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { useT } from '../i18n/useT';

/**
 * A button that asks first: the dialog says what will happen (who is e-mailed) before the
 * organizer confirms.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  danger,
  isDisabled,
}: {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
  isDisabled?: boolean;
}) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button
        className={`button ${danger ? 'button--danger' : 'button--secondary'}`}
        isDisabled={isDisabled}
      >
        {label}
      </Button>
      <Modal isDismissable>
        <Dialog role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title">{title}</Heading>
              <div>{children}</div>
              <div className="actions">
                <Button className="button button--secondary" onPress={close} autoFocus>
                  {t('manage.confirm.back')}
                </Button>
                <Button
                  className={`button ${danger ? 'button--danger' : ''}`}
                  onPress={() => {
                    close();
                    onConfirm();
                  }}
                >
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
