/** The first admin's set-up with the one-time code, and sign-in. */
import { useState } from 'preact/hooks';
import { type AdminApi, type SessionState, errorText } from '../api.js';
import { Notice } from '../components/ui.js';
import { formText } from '../format.js';

function Brand() {
  return (
    <div class="auth-brand">
      <img src="/admin/favicon.svg" alt="" width={40} height={40} />
      <div>
        <p class="auth-product">Library SCIM</p>
        <p class="muted">Workstation · admin console</p>
      </div>
    </div>
  );
}

export function SetupPage(props: { api: AdminApi; onSignedIn: (state: SessionState) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const password = formText(form, 'password');
    if (password !== formText(form, 'confirm')) {
      setError('The two passwords differ. Type the same password twice.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await props.api.setup(formText(form, 'setupCode'), formText(form, 'username'), password));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="auth" id="main">
      <form class="auth-card" onSubmit={(event) => void submit(event)} aria-describedby="setup-help">
        <Brand />
        <h1>Set up the admin console</h1>
        <p id="setup-help" class="muted">
          The server printed a one-time set-up code when it first started. Enter it to create the first admin. Lost it?
          Run <code>library-scim admin setup-code</code>.
        </p>
        {error && <Notice kind="error">{error}</Notice>}
        <label for="setupCode">Set-up code</label>
        <input
          id="setupCode"
          name="setupCode"
          required
          autoComplete="one-time-code"
          class="mono"
          placeholder="XXXX-XXXX-XXXX-XXXX"
          spellcheck={false}
        />
        <label for="username">Admin name</label>
        <input id="username" name="username" required autoComplete="username" placeholder="it-admin" />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          aria-describedby="password-help"
        />
        <p id="password-help" class="hint">
          At least 12 characters. A passphrase of several words works well.
        </p>
        <label for="confirm">Confirm password</label>
        <input id="confirm" name="confirm" type="password" required minLength={12} autoComplete="new-password" />
        <button type="submit" class="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin and sign in'}
        </button>
      </form>
    </main>
  );
}

export function LoginPage(props: { api: AdminApi; onSignedIn: (state: SessionState) => void; notice?: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(await props.api.login(formText(form, 'username'), formText(form, 'password')));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="auth" id="main">
      <form class="auth-card" onSubmit={(event) => void submit(event)}>
        <Brand />
        <h1>Sign in</h1>
        {props.notice && !error && <Notice kind="info">{props.notice}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <label for="username">Admin name</label>
        <input id="username" name="username" required autoComplete="username" />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" required autoComplete="current-password" />
        <button type="submit" class="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
