/** One user: SCIM JSON, Library fields, groups; deactivate, reactivate, delete, restore. */
import { useState } from 'preact/hooks';
import { type UserDetail, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { dateTime } from '../format.js';
import {
  Badge,
  Card,
  ConfirmDialog,
  JsonBlock,
  LibraryFieldsCard,
  Loading,
  Notice,
  PageHeader,
  useLoad,
} from '../components/ui.js';
import { linkHandler, navigate } from '../router.js';

type Pending = 'deactivate' | 'delete' | undefined;

export function UserDetailView(props: { id: string }) {
  const { api } = useConsole();
  const { data, error, setData } = useLoad(() => api.user(props.id), [props.id]);
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();

  const run = async (action: () => Promise<UserDetail | undefined>, success: string): Promise<void> => {
    setBusy(true);
    try {
      const next = await action();
      if (next) setData(next);
      setMessage({ kind: 'success', text: success });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorText(failure) });
    } finally {
      setBusy(false);
      setPending(undefined);
    }
  };

  const back = (
    <p class="breadcrumb">
      <a href="/admin/directory?tab=users" onClick={linkHandler('/directory?tab=users')}>
        ← Users
      </a>
    </p>
  );
  if (error)
    return (
      <>
        {back}
        <Notice kind="error">{errorText(error)}</Notice>
      </>
    );
  if (!data)
    return (
      <>
        {back}
        <Loading what="the user" />
      </>
    );
  const { user } = data;
  const deleted = user.deletedAt !== null;

  return (
    <>
      {back}
      <PageHeader title={user.userName}>
        {deleted ? (
          <Badge tone="grey">Soft-deleted {dateTime(user.deletedAt)}</Badge>
        ) : user.active ? (
          <Badge tone="green">Active</Badge>
        ) : (
          <Badge tone="amber">Inactive</Badge>
        )}{' '}
        <span class="muted">
          id <code>{user.id}</code>
        </span>
      </PageHeader>
      {message && (
        <Notice kind={message.kind} onDismiss={() => setMessage(undefined)}>
          {message.text}
        </Notice>
      )}

      <div class="toolbar" role="group" aria-label="User actions">
        {!deleted && user.active && (
          <button
            type="button"
            class="button button-secondary"
            disabled={busy}
            onClick={() => setPending('deactivate')}
          >
            Deactivate
          </button>
        )}
        {!deleted && !user.active && (
          <button
            type="button"
            class="button button-secondary"
            disabled={busy}
            onClick={() => void run(() => api.setUserActive(user.id, true), `${user.userName} is active again.`)}
          >
            Reactivate
          </button>
        )}
        {deleted && (
          <button
            type="button"
            class="button button-secondary"
            disabled={busy}
            onClick={() =>
              void run(() => api.restoreUser(user.id), `${user.userName} is restored and visible to SCIM again.`)
            }
          >
            Restore
          </button>
        )}
        <button type="button" class="button button-danger" disabled={busy} onClick={() => setPending('delete')}>
          {deleted ? 'Purge user' : 'Delete user'}
        </button>
      </div>

      <div class="two-columns">
        <LibraryFieldsCard id="library-values" fields={data.library} />
        <Card title="Group memberships" id="memberships">
          {data.groups.length === 0 ? (
            <p class="muted">Not a member of any group.</p>
          ) : (
            <ul class="plain-list">
              {data.groups.map((group) => (
                <li key={group.id}>
                  <a
                    href={`/admin/directory/groups/${group.id}`}
                    onClick={linkHandler(`/directory/groups/${group.id}`)}
                  >
                    {group.displayName}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title="SCIM resource" id="scim-json" description="As a SCIM client reads it with GET /Users/{id}.">
        <JsonBlock value={data.resource} label="SCIM JSON of the user" />
      </Card>

      <ConfirmDialog
        open={pending === 'deactivate'}
        title={`Deactivate ${user.userName}?`}
        confirmLabel="Deactivate"
        busy={busy}
        onCancel={() => setPending(undefined)}
        onConfirm={() =>
          void run(
            () => api.setUserActive(user.id, false),
            `${user.userName} is deactivated (active = false). The identity provider may reactivate it.`,
          )
        }
      >
        <p>
          The user is disabled in the Library (SCIM <code>active</code> = false) and stays readable. Okta does the same
          when it deprovisions.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'delete'}
        title={`Delete ${user.userName} for good?`}
        confirmLabel="Delete user"
        danger
        busy={busy}
        onCancel={() => setPending(undefined)}
        onConfirm={() =>
          void run(async () => {
            await api.deleteUser(user.id);
            navigate('/directory?tab=users');
            return undefined;
          }, `${user.userName} was deleted.`)
        }
      >
        <p>
          The user and its group memberships are removed from the Library. This cannot be undone. If the identity
          provider still assigns the user, it will be created again at the next push.
        </p>
      </ConfirmDialog>
    </>
  );
}
