/** Change the signed-in admin's password (the admin's other sessions end). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type SessionState, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { Notice } from './ui.js';
import { formText } from '../format.js';

export function ChangePasswordDialog(props: {
  open: boolean;
  onClose: () => void;
  onChanged: (state: SessionState) => void;
}) {
  const { api } = useConsole();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setError(undefined);
      setDone(false);
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const next = formText(form, 'newPassword');
    if (next !== formText(form, 'confirmPassword')) {
      setError('The two new passwords differ.');
      return;
    }
    try {
      props.onChanged(await api.changePassword(formText(form, 'currentPassword'), next));
      formElement.reset();
      setError(undefined);
      setDone(true);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="password-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id="password-title">Change password</h2>
        <div class="dialog-body form-grid">
          {error && <Notice kind="error">{error}</Notice>}
          {done && <Notice kind="success">Password changed. Your other sessions were signed out.</Notice>}
          <label for="currentPassword">Current password</label>
          <input id="currentPassword" name="currentPassword" type="password" required autoComplete="current-password" />
          <label for="newPassword">New password</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
          />
          <label for="confirmPassword">Confirm new password</label>
          <input
            id="confirmPassword"
            name="confirmPassword"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
          />
        </div>
        <div class="dialog-actions">
          <button type="button" class="button button-secondary" onClick={props.onClose}>
            Close
          </button>
          <button type="submit" class="button button-primary">
            Change password
          </button>
        </div>
      </form>
    </dialog>
  );
}
