/** The deprovisioning policy for DELETE /Users/{id}, soft-delete retention, and purge. */
import { useState } from 'preact/hooks';
import { errorText } from '../api.js';
import { useConsole } from '../context.js';
import { Card, ConfirmDialog, Loading, Notice, useLoad } from '../components/ui.js';

export function DeprovisioningCard() {
  const { api } = useConsole();
  const { data: settings, error, setData } = useLoad(() => api.settings(), []);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [purging, setPurging] = useState(false);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    try {
      setData(
        await api.updateSettings({
          deprovisioningPolicy: form.get('policy') === 'soft' ? 'soft' : 'hard',
          softDeleteRetentionDays: Number(form.get('retention') ?? 0),
        }),
      );
      setMessage({ kind: 'success', text: 'Deprovisioning policy saved.' });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorText(failure) });
    }
  };

  const purge = async (): Promise<void> => {
    try {
      const { purged } = await api.purgeDeleted();
      setMessage({ kind: 'success', text: `Purged ${purged} soft-deleted user${purged === 1 ? '' : 's'}.` });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorText(failure) });
    } finally {
      setPurging(false);
    }
  };

  return (
    <Card
      title="Deprovisioning policy"
      id="deprovisioning"
      description="What a SCIM DELETE /Users/{id} does. Okta deactivates rather than deletes; Entra and other clients may delete."
    >
      {message && (
        <Notice kind={message.kind} onDismiss={() => setMessage(undefined)}>
          {message.text}
        </Notice>
      )}
      {error ? (
        <Notice kind="error">{errorText(error)}</Notice>
      ) : !settings ? (
        <Loading what="the policy" />
      ) : (
        <form
          class="form-grid"
          onSubmit={(event) => void save(event)}
          key={`${settings.deprovisioningPolicy}:${settings.softDeleteRetentionDays}`}
        >
          <fieldset class="field field-wide radios">
            <legend>On DELETE /Users/{'{id}'}</legend>
            <label>
              <input
                type="radio"
                name="policy"
                value="hard"
                defaultChecked={settings.deprovisioningPolicy === 'hard'}
              />{' '}
              <strong>Hard delete</strong> (default): the user and its memberships are removed.
            </label>
            <label>
              <input
                type="radio"
                name="policy"
                value="soft"
                defaultChecked={settings.deprovisioningPolicy === 'soft'}
              />{' '}
              <strong>Soft delete</strong>: the user is hidden from SCIM and can be restored here, or purged.
            </label>
          </fieldset>
          <div class="field">
            <label for="retention">Purge soft-deleted users after (days)</label>
            <input
              id="retention"
              name="retention"
              type="number"
              min={0}
              max={3650}
              step={1}
              defaultValue={String(settings.softDeleteRetentionDays)}
              aria-describedby="retention-help"
            />
            <p class="hint" id="retention-help">
              0 keeps them until purged by hand.
            </p>
          </div>
          <div class="field field-action field-wide">
            <button type="submit" class="button button-primary">
              Save policy
            </button>
            <button type="button" class="button button-danger-outline" onClick={() => setPurging(true)}>
              Purge soft-deleted users now
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={purging}
        title="Purge every soft-deleted user?"
        confirmLabel="Purge"
        danger
        onCancel={() => setPurging(false)}
        onConfirm={() => void purge()}
      >
        <p>Soft-deleted users are removed for good, with their group memberships. They can no longer be restored.</p>
      </ConfirmDialog>
    </Card>
  );
}
