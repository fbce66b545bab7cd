/** The console: set-up or sign-in until there is a session, then the pages in a shell. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AdminApi, type SessionState } from './api.js';
import { ConsoleContext } from './context.js';
import { ChangePasswordDialog } from './components/change-password.js';
import { Loading, Notice } from './components/ui.js';
import { ActivityPage } from './pages/activity-page.js';
import { DirectoryPage } from './pages/directory-page.js';
import { MappingsPage } from './pages/mappings-page.js';
import { ScimPage } from './pages/scim-page.js';
import { LoginPage, SetupPage } from './pages/sign-in.js';
import { TokensPage } from './pages/tokens-page.js';
import { linkHandler, navigate, useRoute } from './router.js';

const PAGES = [
  { route: '/scim', label: 'SCIM' },
  { route: '/tokens', label: 'Tokens' },
  { route: '/mappings', label: 'Mappings' },
  { route: '/directory', label: 'Directory' },
  { route: '/activity', label: 'Activity' },
] as const;

function Page(props: { route: string }) {
  const { route } = props;
  if (route.startsWith('/tokens')) return <TokensPage />;
  if (route.startsWith('/mappings')) return <MappingsPage />;
  if (route.startsWith('/directory')) return <DirectoryPage route={route} />;
  if (route.startsWith('/activity')) return <ActivityPage route={route} />;
  return <ScimPage />;
}

export function App() {
  const [session, setSession] = useState<SessionState>();
  const [failure, setFailure] = useState<string>();
  const [signedOutNotice, setSignedOutNotice] = useState<string>();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const api = useMemo(
    () =>
      new AdminApi(() => {
        setSignedOutNotice('Your session has ended. Sign in again.');
        setSession((current) => (current ? { setupRequired: false, authenticated: false } : current));
      }),
    [],
  );
  const route = useRoute();

  useEffect(() => {
    api
      .session()
      .then(setSession, () =>
        setFailure('The admin API cannot be reached. Check that the Library SCIM server is running, then reload.'),
      );
  }, [api]);

  useEffect(() => {
    if (session?.authenticated && route === '/') navigate('/scim');
  }, [session, route]);

  if (failure) {
    return (
      <main class="auth" id="main">
        <Notice kind="error">{failure}</Notice>
      </main>
    );
  }
  if (!session)
    return (
      <main class="auth" id="main">
        <Loading what="the console" />
      </main>
    );
  const signedIn = (state: SessionState): void => {
    setSignedOutNotice(undefined);
    setSession(state);
    navigate(route === '/' ? '/scim' : route);
  };
  if (session.setupRequired) return <SetupPage api={api} onSignedIn={signedIn} />;
  if (!session.authenticated || !session.admin)
    return <LoginPage api={api} onSignedIn={signedIn} notice={signedOutNotice} />;

  const signOut = async (): Promise<void> => {
    await api.logout().catch(() => undefined);
    setSignedOutNotice('You are signed out.');
    setSession({ setupRequired: false, authenticated: false });
  };

  return (
    <ConsoleContext.Provider value={{ api, username: session.admin.username }}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="shell">
        <aside class="sidebar">
          <div class="sidebar-inner">
            <div class="brand">
              <img src="/admin/favicon.svg" alt="" width={28} height={28} />
              <div>
                <span class="brand-name">Library SCIM</span>
                <span class="brand-sub">Workstation</span>
              </div>
            </div>
            <nav aria-label="Console">
              <ul class="nav">
                {PAGES.map((page) => {
                  const current = route.startsWith(page.route) || (route === '/' && page.route === '/scim');
                  return (
                    <li key={page.route}>
                      <a
                        href={`/admin${page.route}`}
                        aria-current={current ? 'page' : undefined}
                        onClick={linkHandler(page.route)}
                      >
                        {page.label}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <div class="account">
              <span class="account-name" title="Signed in admin">
                {session.admin.username}
              </span>
              <button type="button" class="button-link" onClick={() => setPasswordOpen(true)}>
                Change password
              </button>
              <button type="button" class="button-link" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          </div>
        </aside>
        <main class="content" id="main" tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} onChanged={setSession} />
    </ConsoleContext.Provider>
  );
}
