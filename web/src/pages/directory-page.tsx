/** Directory: users and groups searched with SCIM filters and paged; the deprovisioning policy. */
import { useState } from 'preact/hooks';
import { errorText } from '../api.js';
import { useConsole } from '../context.js';
import { dateTime } from '../format.js';
import { Badge, Card, Loading, Notice, PageHeader, Pager, useLoad } from '../components/ui.js';
import { linkHandler, navigate, routeQuery, withQuery } from '../router.js';
import { DeprovisioningCard } from './deprovisioning-card.js';
import { GroupDetailView } from './group-detail.js';
import { UserDetailView } from './user-detail.js';

const PAGE_SIZE = 25;

function SearchForm(props: { tab: 'users' | 'groups'; filter: string; includeDeleted: boolean }) {
  const [filter, setFilter] = useState(props.filter);
  const examples =
    props.tab === 'users'
      ? ['userName sw "j"', 'active eq false', 'emails.value co "@example.com"']
      : ['displayName sw "Eng"', 'members pr'];
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(
      withQuery('/directory', {
        tab: props.tab,
        filter: filter.trim(),
        deleted: form.get('deleted') === 'on' ? '1' : undefined,
      }),
    );
  };
  return (
    <form class="search-form" role="search" onSubmit={submit} aria-label={`Search ${props.tab}`}>
      <div class="field field-grow">
        <label for="directory-filter">SCIM filter</label>
        <input
          id="directory-filter"
          class="mono"
          value={filter}
          onInput={(event) => setFilter(event.currentTarget.value)}
          placeholder={examples[0]}
          aria-describedby="directory-filter-help"
          spellcheck={false}
        />
        <p class="hint" id="directory-filter-help">
          RFC 7644 filter syntax, e.g.{' '}
          {examples.map((example, index) => (
            <span key={example}>
              {index > 0 ? ', ' : ''}
              <code>{example}</code>
            </span>
          ))}
          . Empty lists everything.
        </p>
      </div>
      {props.tab === 'users' && (
        <label class="checkbox-inline">
          <input type="checkbox" name="deleted" defaultChecked={props.includeDeleted} /> Include soft-deleted
        </label>
      )}
      <div class="field field-action">
        <button type="submit" class="button button-primary">
          Search
        </button>
      </div>
    </form>
  );
}

function UserList(props: { filter: string; startIndex: number; includeDeleted: boolean }) {
  const { api } = useConsole();
  const { data, error } = useLoad(
    () =>
      api.users({
        filter: props.filter,
        startIndex: props.startIndex,
        count: PAGE_SIZE,
        includeDeleted: props.includeDeleted,
      }),
    [props.filter, props.startIndex, props.includeDeleted],
  );
  if (error) return <Notice kind="error">{errorText(error)}</Notice>;
  if (!data) return <Loading what="users" />;
  return (
    <>
      <div class="table-wrap">
        <table>
          <caption class="offscreen">Users</caption>
          <thead>
            <tr>
              <th scope="col">userName</th>
              <th scope="col">Display name</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Last modified</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  <a href={`/admin/directory/users/${user.id}`} onClick={linkHandler(`/directory/users/${user.id}`)}>
                    {user.userName}
                  </a>
                </th>
                <td>{user.displayName ?? '—'}</td>
                <td>{user.email ?? '—'}</td>
                <td>
                  {user.deletedAt ? (
                    <Badge tone="grey">Soft-deleted</Badge>
                  ) : user.active ? (
                    <Badge tone="green">Active</Badge>
                  ) : (
                    <Badge tone="amber">Inactive</Badge>
                  )}
                </td>
                <td>{dateTime(user.lastModified)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        noun="users"
        startIndex={data.startIndex}
        shown={data.itemsPerPage}
        total={data.totalResults}
        pageSize={PAGE_SIZE}
        onPage={(start) =>
          navigate(
            withQuery('/directory', {
              tab: 'users',
              filter: props.filter,
              deleted: props.includeDeleted ? '1' : undefined,
              start,
            }),
          )
        }
      />
    </>
  );
}

function GroupList(props: { filter: string; startIndex: number }) {
  const { api } = useConsole();
  const { data, error } = useLoad(
    () => api.groups({ filter: props.filter, startIndex: props.startIndex, count: PAGE_SIZE }),
    [props.filter, props.startIndex],
  );
  if (error) return <Notice kind="error">{errorText(error)}</Notice>;
  if (!data) return <Loading what="groups" />;
  return (
    <>
      <div class="table-wrap">
        <table>
          <caption class="offscreen">Groups</caption>
          <thead>
            <tr>
              <th scope="col">Group name</th>
              <th scope="col">Members</th>
              <th scope="col">Distinguished name</th>
              <th scope="col">Last modified</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((group) => (
              <tr key={group.id}>
                <th scope="row">
                  <a
                    href={`/admin/directory/groups/${group.id}`}
                    onClick={linkHandler(`/directory/groups/${group.id}`)}
                  >
                    {group.displayName}
                  </a>
                </th>
                <td class="number">{group.memberCount.toLocaleString()}</td>
                <td>{group.distinguishedName ?? '—'}</td>
                <td>{dateTime(group.lastModified)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        noun="groups"
        startIndex={data.startIndex}
        shown={data.itemsPerPage}
        total={data.totalResults}
        pageSize={PAGE_SIZE}
        onPage={(start) => navigate(withQuery('/directory', { tab: 'groups', filter: props.filter, start }))}
      />
    </>
  );
}

export function DirectoryPage(props: { route: string }) {
  const path = props.route.split('?')[0] ?? '';
  const userMatch = /^\/directory\/users\/([^/]+)$/.exec(path);
  if (userMatch?.[1]) return <UserDetailView id={decodeURIComponent(userMatch[1])} />;
  const groupMatch = /^\/directory\/groups\/([^/]+)$/.exec(path);
  if (groupMatch?.[1]) return <GroupDetailView id={decodeURIComponent(groupMatch[1])} />;

  const query = routeQuery(props.route);
  const tab = query.get('tab') === 'groups' ? 'groups' : 'users';
  const filter = query.get('filter') ?? '';
  const startIndex = Math.max(1, Number(query.get('start') ?? '1') || 1);
  const includeDeleted = query.get('deleted') === '1';
  return (
    <>
      <PageHeader title="Directory">The Library's users and groups as identity providers provisioned them.</PageHeader>
      <div class="tabs" role="tablist" aria-label="Directory">
        {(['users', 'groups'] as const).map((name) => (
          <a
            key={name}
            role="tab"
            aria-selected={tab === name}
            href={`/admin/directory?tab=${name}`}
            onClick={linkHandler(`/directory?tab=${name}`)}
            class={tab === name ? 'tab tab-current' : 'tab'}
          >
            {name === 'users' ? 'Users' : 'Groups'}
          </a>
        ))}
        <a class="button button-secondary button-small tabs-end" href="/api/admin/export" download>
          Export directory (JSON)
        </a>
      </div>
      <Card id={`${tab}-list`}>
        <SearchForm
          key={`${tab}:${filter}:${includeDeleted}`}
          tab={tab}
          filter={filter}
          includeDeleted={includeDeleted}
        />
        {tab === 'users' ? (
          <UserList filter={filter} startIndex={startIndex} includeDeleted={includeDeleted} />
        ) : (
          <GroupList filter={filter} startIndex={startIndex} />
        )}
      </Card>
      {tab === 'users' && <DeprovisioningCard />}
    </>
  );
}
