/** Activity: every SCIM request, filtered by status, client, resource and time; one opens with its redacted body. */
import { useState } from 'preact/hooks';
import { type ActivityDetail, type ActivityRow, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { count, dateTimeSeconds, formText } from '../format.js';
import { Card, JsonBlock, Loading, Notice, PageHeader, StatusCode, useLoad } from '../components/ui.js';
import { navigate, routeQuery, withQuery } from '../router.js';

const CLIENTS: Record<string, string> = {
  okta: 'Okta',
  entra: 'Entra ID',
  onelogin: 'OneLogin',
  keycloak: 'Keycloak',
  other: 'Other',
};
const FILTER_KEYS = ['status', 'client', 'resourceType', 'resourceId', 'since', 'until'] as const;

function toIso(local: string): string | undefined {
  if (local === '') return undefined;
  const parsed = new Date(local);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function Filters(props: { query: URLSearchParams }) {
  const { query } = props;
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(
      withQuery('/activity', {
        status: formText(form, 'status'),
        client: formText(form, 'client'),
        resourceType: formText(form, 'resourceType'),
        resourceId: formText(form, 'resourceId').trim(),
        since: toIso(formText(form, 'since')),
        until: toIso(formText(form, 'until')),
      }),
    );
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter activity" key={query.toString()}>
      <div class="field">
        <label for="activity-status">Status</label>
        <select id="activity-status" name="status" defaultValue={query.get('status') ?? ''}>
          <option value="">Any</option>
          <option value="2xx">2xx success</option>
          <option value="4xx">4xx client error</option>
          <option value="5xx">5xx server error</option>
          <option value="401">401 authentication</option>
          <option value="403">403 forbidden</option>
          <option value="404">404 not found</option>
          <option value="409">409 conflict</option>
          <option value="429">429 throttled</option>
        </select>
      </div>
      <div class="field">
        <label for="activity-client">Client</label>
        <select id="activity-client" name="client" defaultValue={query.get('client') ?? ''}>
          <option value="">Any</option>
          {Object.entries(CLIENTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="activity-resource-type">Resource</label>
        <select id="activity-resource-type" name="resourceType" defaultValue={query.get('resourceType') ?? ''}>
          <option value="">Any</option>
          <option value="User">Users</option>
          <option value="Group">Groups</option>
        </select>
      </div>
      <div class="field">
        <label for="activity-resource-id">Resource id</label>
        <input
          id="activity-resource-id"
          name="resourceId"
          class="mono"
          defaultValue={query.get('resourceId') ?? ''}
          spellcheck={false}
        />
      </div>
      <div class="field">
        <label for="activity-since">From</label>
        <input id="activity-since" name="since" type="datetime-local" defaultValue={toLocalInput(query.get('since'))} />
      </div>
      <div class="field">
        <label for="activity-until">To</label>
        <input id="activity-until" name="until" type="datetime-local" defaultValue={toLocalInput(query.get('until'))} />
      </div>
      <div class="field field-action">
        <button type="submit" class="button button-primary">
          Apply
        </button>
        <button type="button" class="button button-secondary" onClick={() => navigate('/activity')}>
          Clear
        </button>
      </div>
    </form>
  );
}

function DetailPanel(props: { id: number; onClose: () => void }) {
  const { api } = useConsole();
  const { data, error } = useLoad<ActivityDetail>(() => api.activityRow(props.id), [props.id]);
  return (
    <Card
      title={`Request ${props.id}`}
      id="activity-detail"
      actions={
        <button type="button" class="button button-secondary button-small" onClick={props.onClose}>
          Close
        </button>
      }
    >
      {error ? (
        <Notice kind="error">{errorText(error)}</Notice>
      ) : !data ? (
        <Loading what="the request" />
      ) : (
        <>
          <dl class="fields fields-compact">
            <div>
              <dt>Time</dt>
              <dd>{dateTimeSeconds(data.at)}</dd>
            </div>
            <div>
              <dt>Request</dt>
              <dd>
                <code>
                  {data.method} {data.path}
                </code>
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <StatusCode status={data.status} /> {data.scimType && <code>{data.scimType}</code>}
              </dd>
            </div>
            <div>
              <dt>Client</dt>
              <dd>{CLIENTS[data.client] ?? data.client}</dd>
            </div>
            <div>
              <dt>Token</dt>
              <dd>{data.tokenName ?? <span class="muted">none</span>}</dd>
            </div>
            <div>
              <dt>Resource</dt>
              <dd>
                {data.resourceType ? (
                  <>
                    {data.resourceType} <code>{data.resourceId}</code>
                  </>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>{data.durationMs} ms</dd>
            </div>
            <div>
              <dt>Request id</dt>
              <dd>
                <code>{data.requestId}</code>
              </dd>
            </div>
          </dl>
          {data.detail && <Notice kind={data.status >= 400 ? 'error' : 'info'}>{data.detail}</Notice>}
          <h3>What changed</h3>
          <JsonBlock value={data.summary} label="Change summary" />
          <h3>Request body (secrets redacted)</h3>
          {data.requestBody === null ? (
            <p class="muted">No body.</p>
          ) : (
            <JsonBlock value={data.requestBody} label="Redacted request body" />
          )}
        </>
      )}
    </Card>
  );
}

function Rows(props: { rows: ActivityRow[]; selected: number | undefined; onOpen: (id: number) => void }) {
  return (
    <div class="table-wrap">
      <table class="activity-table">
        <caption class="offscreen">SCIM requests, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Client</th>
            <th scope="col">Token</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Detail</th>
            <th scope="col">Resource</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id} class={row.id === props.selected ? 'selected' : undefined}>
              <td>
                <button
                  type="button"
                  class="button-link"
                  onClick={() => props.onOpen(row.id)}
                  aria-label={`Open request ${row.id}: ${row.method} ${row.path}`}
                >
                  {dateTimeSeconds(row.at)}
                </button>
              </td>
              <td>{CLIENTS[row.client] ?? row.client}</td>
              <td>{row.tokenName ?? <span class="muted">—</span>}</td>
              <td class="request-cell">
                <code>
                  {row.method} {row.path}
                </code>
              </td>
              <td>
                <StatusCode status={row.status} />
              </td>
              <td class="detail-cell">{row.detail ?? ''}</td>
              <td>{row.resourceType || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ActivityPage(props: { route: string }) {
  const { api } = useConsole();
  const query = routeQuery(props.route);
  const filter: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key);
    if (value) filter[key] = value;
  }
  const before = query.get('before') ?? undefined;
  const [generation, setGeneration] = useState(0);
  const { data, error } = useLoad(() => api.activity({ ...filter, before, limit: 50 }), [props.route, generation]);
  const [selected, setSelected] = useState<number>();

  return (
    <>
      <PageHeader title="Activity">
        Every SCIM request, including failed authentication. The first place to look when Okta or Entra shows an error.
      </PageHeader>
      <Card id="activity-filters">
        <Filters query={query} />
      </Card>
      {selected !== undefined && <DetailPanel id={selected} onClose={() => setSelected(undefined)} />}
      <Card
        id="activity-list"
        title="Requests"
        description={
          data
            ? `Kept for ${data.retention.days} days, at most ${count(data.retention.maxRows)} requests (ACTIVITY_RETENTION_DAYS, ACTIVITY_MAX_ROWS). Secrets never appear here.`
            : undefined
        }
        actions={
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => setGeneration((value) => value + 1)}
          >
            Refresh
          </button>
        }
      >
        {error ? (
          <Notice kind="error">{errorText(error)}</Notice>
        ) : !data ? (
          <Loading what="activity" />
        ) : data.rows.length === 0 ? (
          <p class="muted">No requests match.</p>
        ) : (
          <>
            <Rows rows={data.rows} selected={selected} onOpen={setSelected} />
            <nav class="pager" aria-label="Activity pages">
              <span class="muted">{data.rows.length} requests</span>
              <div class="pager-buttons">
                {before && (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    onClick={() => navigate(withQuery('/activity', filter))}
                  >
                    Newest
                  </button>
                )}
                <button
                  type="button"
                  class="button button-secondary button-small"
                  disabled={data.before === undefined}
                  onClick={() => navigate(withQuery('/activity', { ...filter, before: data.before }))}
                >
                  Older
                </button>
              </div>
            </nav>
          </>
        )}
      </Card>
    </>
  );
}
