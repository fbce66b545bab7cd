/** SCIM: enable or disable provisioning, the base URL, and the Okta and Entra set-up checklists. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '../api.js';
import { useConsole } from '../context.js';
import { Badge, Card, ConfirmDialog, CopyField, Loading, Notice, PageHeader, useLoad } from '../components/ui.js';
import { linkHandler } from '../router.js';

const CHECKLIST_STORAGE = 'library-scim.checklist';

function readChecked(): Record<string, boolean> {
  try {
    return JSON.parse(window.localStorage.getItem(CHECKLIST_STORAGE) ?? '{}') as Record<string, boolean>;
  } catch {
    return {};
  }
}

function Checklist(props: { id: string; steps: { key: string; content: ComponentChildren }[] }) {
  const [checked, setChecked] = useState(readChecked);
  const toggle = (key: string, value: boolean): void => {
    const next = { ...checked, [`${props.id}.${key}`]: value };
    setChecked(next);
    try {
      window.localStorage.setItem(CHECKLIST_STORAGE, JSON.stringify(next));
    } catch {
      // Private windows may refuse storage; the ticks then last for this visit only.
    }
  };
  return (
    <ol class="checklist">
      {props.steps.map((step, index) => {
        const id = `${props.id}-${step.key}`;
        return (
          <li key={step.key}>
            <input
              type="checkbox"
              id={id}
              checked={checked[`${props.id}.${step.key}`] === true}
              onChange={(event) => toggle(step.key, event.currentTarget.checked)}
            />
            <label for={id}>
              <span class="step-number">{index + 1}.</span> {step.content}
            </label>
          </li>
        );
      })}
    </ol>
  );
}

function Value(props: { children: ComponentChildren }) {
  return <code class="value">{props.children}</code>;
}

export function ScimPage() {
  const { api } = useConsole();
  const { data: settings, error, setData } = useLoad(() => api.settings(), []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();

  const setEnabled = async (scimEnabled: boolean): Promise<void> => {
    setBusy(true);
    try {
      setData(await api.updateSettings({ scimEnabled }));
      setMessage({
        kind: 'success',
        text: scimEnabled
          ? 'SCIM provisioning is enabled.'
          : 'SCIM provisioning is disabled: every SCIM request now gets 403.',
      });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorText(failure) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  if (error) return <Notice kind="error">{errorText(error)}</Notice>;
  if (!settings) return <Loading what="SCIM settings" />;
  const base = settings.scimBaseUrl;
  const warnings: string[] = [];
  if (base.includes('_'))
    warnings.push(
      'The base URL contains an underscore, which Okta refuses. Serve the Library under a host name without "_" and set PUBLIC_URL.',
    );
  if (base.startsWith('http:') && !/\/\/(localhost|127\.0\.0\.1)[:/]/.test(base))
    warnings.push(
      'The base URL is not HTTPS. Okta and Entra require HTTPS: put the server behind TLS and set PUBLIC_URL to the https address.',
    );

  return (
    <>
      <PageHeader title="SCIM">
        Provisioning from Okta, Microsoft Entra ID or any SCIM 2.0 client into the Library directory.
      </PageHeader>
      {message && (
        <Notice kind={message.kind} onDismiss={() => setMessage(undefined)}>
          {message.text}
        </Notice>
      )}

      <Card
        title="SCIM provisioning"
        id="scim-status"
        description={
          settings.scimEnabled
            ? 'Identity providers can create, update and deactivate users and groups.'
            : 'Every SCIM endpoint answers 403 with a detail saying that provisioning is disabled.'
        }
        actions={
          settings.scimEnabled ? (
            <button
              type="button"
              class="button button-danger-outline"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Disable SCIM
            </button>
          ) : (
            <button type="button" class="button button-primary" disabled={busy} onClick={() => void setEnabled(true)}>
              Enable SCIM
            </button>
          )
        }
      >
        <p class="status-line">
          Status: {settings.scimEnabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}
        </p>
      </Card>

      <Card
        title="SCIM connector base URL"
        id="base-url"
        description="Paste it into Okta's “SCIM connector base URL” or Entra's “Tenant URL”."
      >
        <CopyField id="scim-base-url" label="SCIM connector base URL" value={base} />
        {warnings.map((warning) => (
          <Notice kind="warning" key={warning}>
            {warning}
          </Notice>
        ))}
      </Card>

      <div class="two-columns">
        <Card title="Okta checklist" id="okta" description="Applications › your app › General and Provisioning.">
          <Checklist
            id="okta"
            steps={[
              {
                key: 'app',
                content: (
                  <>
                    Use a <strong>SAML 2.0</strong> or <strong>SWA</strong> app integration (Okta does not allow SCIM on
                    OIDC apps), and tick <em>Enable SCIM provisioning</em>.
                  </>
                ),
              },
              {
                key: 'base',
                content: (
                  <>
                    SCIM connector base URL: <Value>{base}</Value>
                  </>
                ),
              },
              {
                key: 'unique',
                content: (
                  <>
                    Unique identifier field for users: <Value>userName</Value>
                  </>
                ),
              },
              {
                key: 'actions',
                content: (
                  <>
                    Supported provisioning actions: <strong>Push New Users</strong>,{' '}
                    <strong>Push Profile Updates</strong> and <strong>Push Groups</strong> (leave the Import actions
                    off).
                  </>
                ),
              },
              {
                key: 'auth',
                content: (
                  <>
                    Authentication Mode: <Value>HTTP Header</Value>, Authorization: <em>Bearer</em> with a token from{' '}
                    <a href="/admin/tokens" onClick={linkHandler('/tokens')}>
                      Tokens
                    </a>
                    .
                  </>
                ),
              },
              {
                key: 'test',
                content: (
                  <>
                    Click <strong>Test Connector Configuration</strong>: expect a green check.
                  </>
                ),
              },
              {
                key: 'toapp',
                content: (
                  <>
                    Provisioning › To App: enable <strong>Create Users</strong>, <strong>Update User Attributes</strong>{' '}
                    and <strong>Deactivate Users</strong>.
                  </>
                ),
              },
              { key: 'groups', content: <>Push Groups by name or rule, with “Push group memberships immediately”.</> },
            ]}
          />
        </Card>

        <Card
          title="Microsoft Entra ID checklist"
          id="entra"
          description="Enterprise applications › your app › Provisioning."
        >
          <Checklist
            id="entra"
            steps={[
              {
                key: 'mode',
                content: (
                  <>
                    Provisioning Mode: <strong>Automatic</strong>.
                  </>
                ),
              },
              {
                key: 'tenant',
                content: (
                  <>
                    Tenant URL (with the flag for RFC-compliant PATCH): <Value>{`${base}?aadOptscim062020`}</Value>
                  </>
                ),
              },
              {
                key: 'secret',
                content: (
                  <>
                    Secret Token: a token from{' '}
                    <a href="/admin/tokens" onClick={linkHandler('/tokens')}>
                      Tokens
                    </a>
                    .
                  </>
                ),
              },
              {
                key: 'test',
                content: (
                  <>
                    Click <strong>Test Connection</strong>: expect “The supplied credentials are authorized”.
                  </>
                ),
              },
              {
                key: 'mappings',
                content: (
                  <>
                    Review Mappings: <Value>userPrincipalName</Value> → <Value>userName</Value>; add custom attributes
                    from{' '}
                    <a href="/admin/mappings" onClick={linkHandler('/mappings')}>
                      Mappings
                    </a>
                    .
                  </>
                ),
              },
              {
                key: 'start',
                content: (
                  <>
                    Set Provisioning Status to <strong>On</strong> and save.
                  </>
                ),
              },
            ]}
          />
        </Card>
      </div>

      <ConfirmDialog
        open={confirming}
        title="Disable SCIM provisioning?"
        confirmLabel="Disable SCIM"
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void setEnabled(false)}
      >
        <p>
          Every SCIM request will be refused with 403 until you enable it again. Okta and Entra will report errors and
          retry later.
        </p>
      </ConfirmDialog>
    </>
  );
}
