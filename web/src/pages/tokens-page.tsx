/** Tokens: create (secret shown once), list, revoke; several may be active at once for rotation. */
import { useState } from 'preact/hooks';
import { type CreatedTokenView, type TokenView, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { dateTime, formText, relative } from '../format.js';
import { Badge, Card, ConfirmDialog, CopyField, Loading, Notice, PageHeader, useLoad } from '../components/ui.js';

const EXPIRY_CHOICES: { label: string; days: number | null }[] = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '180 days', days: 180 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
];

function StatusBadge(props: { token: TokenView }) {
  const { token } = props;
  if (token.status === 'revoked') return <Badge tone="grey">Revoked</Badge>;
  if (token.status === 'expired') return <Badge tone="red">Expired</Badge>;
  if (token.expiringSoon) return <Badge tone="amber">Expires soon</Badge>;
  return <Badge tone="green">Active</Badge>;
}

function CreateTokenForm(props: { onCreated: (created: CreatedTokenView) => void }) {
  const { api } = useConsole();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const expiry = formText(form, 'expiry');
    setBusy(true);
    setError(undefined);
    try {
      props.onCreated(
        await api.createToken({
          name: formText(form, 'name'),
          expiresInDays: expiry === 'never' ? null : Number(expiry),
        }),
      );
      formElement.reset();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="inline-form" onSubmit={(event) => void submit(event)} aria-label="Create a token">
      {error && <Notice kind="error">{error}</Notice>}
      <div class="field">
        <label for="token-name">Name</label>
        <input
          id="token-name"
          name="name"
          required
          maxLength={100}
          placeholder="okta-production"
          aria-describedby="token-name-help"
        />
        <p class="hint" id="token-name-help">
          Where the token is used, so you can tell tokens apart.
        </p>
      </div>
      <div class="field">
        <label for="token-expiry">Expires after</label>
        <select id="token-expiry" name="expiry" defaultValue="365">
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.label} value={choice.days === null ? 'never' : String(choice.days)}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-action">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

export function TokensPage() {
  const { api } = useConsole();
  const { data: tokens, error, reload } = useLoad(() => api.tokens(), []);
  const [created, setCreated] = useState<CreatedTokenView>();
  const [revoking, setRevoking] = useState<TokenView>();
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();

  const revoke = async (): Promise<void> => {
    if (!revoking) return;
    try {
      const revoked = await api.revokeToken(revoking.id);
      setMessage({ kind: 'success', text: `Token “${revoked.name}” is revoked: SCIM requests with it now get 401.` });
      reload();
    } catch (failure) {
      setMessage({ kind: 'error', text: errorText(failure) });
    } finally {
      setRevoking(undefined);
    }
  };

  const expiring = (tokens ?? []).filter((token) => token.expiringSoon);
  return (
    <>
      <PageHeader title="Tokens">
        Bearer tokens for the SCIM API. Several can be active at once: to rotate, create a new token, paste it into the
        identity provider, then revoke the old one.
      </PageHeader>
      {message && (
        <Notice kind={message.kind} onDismiss={() => setMessage(undefined)}>
          {message.text}
        </Notice>
      )}
      {expiring.map((token) => (
        <Notice kind="warning" key={token.id}>
          Token “{token.name}” expires {relative(token.expires)} ({dateTime(token.expires)}). Create a new token, paste
          it into the identity provider, then revoke this one.
        </Notice>
      ))}

      <Card title="Create a token" id="create-token">
        <CreateTokenForm
          onCreated={(value) => {
            setCreated(value);
            setMessage(undefined);
            reload();
          }}
        />
        {created && (
          <div class="secret-panel" role="region" aria-label="New token secret">
            <p>
              <strong>Copy the token “{created.token.name}” now.</strong> It is shown only this once; the server keeps
              only its hash.
            </p>
            <CopyField id="new-token-secret" label="New bearer token" value={created.secret} />
            <p class="hint">
              In Okta: Provisioning › Integration › Authorization (Bearer). In Entra: Provisioning › Secret Token.
            </p>
            <button type="button" class="button button-secondary button-small" onClick={() => setCreated(undefined)}>
              I have copied it
            </button>
          </div>
        )}
      </Card>

      <Card title="All tokens" id="token-list">
        {error ? (
          <Notice kind="error">{errorText(error)}</Notice>
        ) : !tokens ? (
          <Loading what="tokens" />
        ) : tokens.length === 0 ? (
          <p class="muted">No tokens yet. Create one above for your identity provider.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="offscreen">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{dateTime(token.created)}</td>
                    <td>{token.expires ? dateTime(token.expires) : 'Never'}</td>
                    <td>{dateTime(token.lastUsed, 'Never')}</td>
                    <td>
                      <StatusBadge token={token} />
                    </td>
                    <td class="actions">
                      {token.status !== 'revoked' && (
                        <button
                          type="button"
                          class="button button-danger-outline button-small"
                          onClick={() => setRevoking(token)}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        danger
        onCancel={() => setRevoking(undefined)}
        onConfirm={() => void revoke()}
      >
        <p>
          SCIM requests with this token (<code>{revoking?.prefix}…</code>) will get 401 within a second, on every
          server. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
