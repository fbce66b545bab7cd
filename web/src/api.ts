/**
 * The console's only link to the server: the admin REST API under /api/admin. The session is an
 * HttpOnly cookie the browser sends by itself; this client adds the CSRF token to every request
 * that changes something, and turns error bodies into `ApiError`s carrying the server's detail.
 */
import type {
  ActivityDetail,
  ActivityPage,
  ConsoleSettings,
  CreatedTokenView,
  CustomAttributeCreate,
  CustomAttributeView,
  GroupDetail,
  GroupPage,
  MappingView,
  MemberPage,
  PurgeResult,
  SessionState,
  SettingsChange,
  TokenCreateRequest,
  TokenView,
  UserDetail,
  UserPage,
  UserRow,
} from '../../src/admin/admin-api-types.js';

export type * from '../../src/admin/admin-api-types.js';

export const API_BASE = '/api/admin';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined>;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export class AdminApi {
  private csrfToken: string | undefined;

  /** Called when the server says the session has ended, so the console can show sign-in. */
  constructor(private readonly onSignedOut: () => void) {}

  private async request<T>(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      throw new ApiError(0, 'The server cannot be reached. Check that it is running, then try again.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let payload: unknown;
    try {
      payload = text === '' ? undefined : JSON.parse(text);
    } catch {
      payload = undefined;
    }
    if (!response.ok) {
      const error = (payload ?? {}) as { detail?: string; scimType?: string };
      const detail = error.detail ?? `The server answered ${response.status} ${response.statusText}.`;
      if (
        response.status === 401 &&
        !path.startsWith('/login') &&
        !path.startsWith('/setup') &&
        !path.startsWith('/password')
      ) {
        this.csrfToken = undefined;
        this.onSignedOut();
      }
      throw new ApiError(response.status, detail, error.scimType);
    }
    return payload as T;
  }

  private remember(state: SessionState): SessionState {
    this.csrfToken = state.authenticated ? state.csrfToken : undefined;
    return state;
  }

  async session(): Promise<SessionState> {
    return this.remember(await this.request<SessionState>('GET', '/session'));
  }

  async setup(setupCode: string, username: string, password: string): Promise<SessionState> {
    return this.remember(
      await this.request<SessionState>('POST', '/setup', { body: { setupCode, username, password } }),
    );
  }

  async login(username: string, password: string): Promise<SessionState> {
    return this.remember(await this.request<SessionState>('POST', '/login', { body: { username, password } }));
  }

  async logout(): Promise<void> {
    try {
      await this.request<unknown>('POST', '/logout');
    } finally {
      this.csrfToken = undefined;
    }
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    return this.remember(
      await this.request<SessionState>('POST', '/password', { body: { currentPassword, newPassword } }),
    );
  }

  settings = (): Promise<ConsoleSettings> => this.request('GET', '/settings');
  updateSettings = (change: SettingsChange): Promise<ConsoleSettings> =>
    this.request('PATCH', '/settings', { body: change });

  tokens = async (): Promise<TokenView[]> => (await this.request<{ tokens: TokenView[] }>('GET', '/tokens')).tokens;
  createToken = (request: TokenCreateRequest): Promise<CreatedTokenView> =>
    this.request('POST', '/tokens', { body: request });
  revokeToken = (id: string): Promise<TokenView> =>
    this.request('POST', `/tokens/${encodeURIComponent(id)}/revoke`, { body: {} });

  mappings = async (): Promise<MappingView[]> =>
    (await this.request<{ mappings: MappingView[] }>('GET', '/mappings')).mappings;
  setMapping = async (field: string, scimPath: string): Promise<MappingView[]> =>
    (
      await this.request<{ mappings: MappingView[] }>('PUT', `/mappings/${encodeURIComponent(field)}`, {
        body: { scimPath },
      })
    ).mappings;

  attributes = async (): Promise<CustomAttributeView[]> =>
    (await this.request<{ attributes: CustomAttributeView[] }>('GET', '/attributes')).attributes;
  addAttribute = (attribute: CustomAttributeCreate): Promise<CustomAttributeView> =>
    this.request('POST', '/attributes', { body: attribute });
  removeAttribute = (id: string): Promise<CustomAttributeView> =>
    this.request('DELETE', `/attributes/${encodeURIComponent(id)}`);

  users = (query: {
    filter?: string;
    startIndex?: number;
    count?: number;
    includeDeleted?: boolean;
  }): Promise<UserPage> => this.request('GET', '/users', { query });
  user = (id: string): Promise<UserDetail> => this.request('GET', `/users/${encodeURIComponent(id)}`);
  setUserActive = (id: string, active: boolean): Promise<UserDetail> =>
    this.request('PATCH', `/users/${encodeURIComponent(id)}`, { body: { active } });
  deleteUser = (id: string): Promise<UserRow> => this.request('DELETE', `/users/${encodeURIComponent(id)}`);
  restoreUser = (id: string): Promise<UserDetail> =>
    this.request('POST', `/users/${encodeURIComponent(id)}/restore`, { body: {} });
  purgeDeleted = (olderThanDays?: number): Promise<PurgeResult> =>
    this.request('POST', '/users/purge-deleted', { body: olderThanDays === undefined ? {} : { olderThanDays } });

  groups = (query: { filter?: string; startIndex?: number; count?: number }): Promise<GroupPage> =>
    this.request('GET', '/groups', { query });
  group = (id: string): Promise<GroupDetail> => this.request('GET', `/groups/${encodeURIComponent(id)}`);
  members = (id: string, after?: string, limit = 50): Promise<MemberPage> =>
    this.request('GET', `/groups/${encodeURIComponent(id)}/members`, { query: { after, limit } });

  activity = (query: Query): Promise<ActivityPage> => this.request('GET', '/activity', { query });
  activityRow = (id: number): Promise<ActivityDetail> => this.request('GET', `/activity/${id}`);
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}
