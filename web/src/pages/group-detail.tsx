/** One group: Library fields, SCIM JSON (without members), and its members paged by id. */
import { useState } from 'preact/hooks';
import { type MemberPage, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { Badge, Card, JsonBlock, LibraryFieldsCard, Loading, Notice, PageHeader, useLoad } from '../components/ui.js';
import { linkHandler } from '../router.js';

const MEMBER_PAGE = 50;

function Members(props: { id: string }) {
  const { api } = useConsole();
  // `cursors[i]` is the `after` of page i; page 0 starts at the beginning.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const { data, error } = useLoad<MemberPage>(
    () => api.members(props.id, cursors[page], MEMBER_PAGE),
    [props.id, page, cursors[page]],
  );
  if (error) return <Notice kind="error">{errorText(error)}</Notice>;
  if (!data) return <Loading what="members" />;
  const first = page * MEMBER_PAGE + 1;
  return (
    <>
      {data.members.length === 0 ? (
        <p class="muted">No members.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="offscreen">Members</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Type</th>
                <th scope="col">Id</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((member) => {
                const route =
                  member.type === 'User' ? `/directory/users/${member.value}` : `/directory/groups/${member.value}`;
                return (
                  <tr key={member.value}>
                    <th scope="row">
                      <a href={`/admin${route}`} onClick={linkHandler(route)}>
                        {member.display}
                      </a>
                    </th>
                    <td>
                      {member.type === 'User' ? <Badge tone="blue">User</Badge> : <Badge tone="grey">Group</Badge>}
                    </td>
                    <td>
                      <code>{member.value}</code>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Member pages">
        <span class="muted">
          {data.total === 0
            ? 'No members'
            : `${first.toLocaleString()}–${(first + data.members.length - 1).toLocaleString()} of ${data.total.toLocaleString()} members`}
        </span>
        <div class="pager-buttons">
          <button
            type="button"
            class="button button-secondary button-small"
            disabled={page === 0}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous
          </button>
          <button
            type="button"
            class="button button-secondary button-small"
            disabled={data.next === undefined}
            onClick={() => setCursors([...cursors, data.next])}
          >
            Next
          </button>
        </div>
      </nav>
    </>
  );
}

export function GroupDetailView(props: { id: string }) {
  const { api } = useConsole();
  const { data, error } = useLoad(() => api.group(props.id), [props.id]);
  const back = (
    <p class="breadcrumb">
      <a href="/admin/directory?tab=groups" onClick={linkHandler('/directory?tab=groups')}>
        ← Groups
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
        <Loading what="the group" />
      </>
    );
  return (
    <>
      {back}
      <PageHeader title={data.group.displayName}>
        {data.group.memberCount.toLocaleString()} members ·{' '}
        <span class="muted">
          id <code>{data.group.id}</code>
        </span>
      </PageHeader>
      <LibraryFieldsCard id="group-library-values" fields={data.library} />
      <Card title="Members" id="group-members">
        <Members id={props.id} key={props.id} />
      </Card>
      <Card
        title="SCIM resource"
        id="group-json"
        description="As GET /Groups/{id}?excludedAttributes=members returns it."
      >
        <JsonBlock value={data.resource} label="SCIM JSON of the group" />
      </Card>
    </>
  );
}
