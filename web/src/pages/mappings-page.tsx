/** Mappings: the Library field / SCIM attribute / SCIM schema table, and custom attributes. */
import { useState } from 'preact/hooks';
import { type CustomAttributeView, type MappingView, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { Card, ConfirmDialog, CopyField, Loading, Notice, PageHeader, useLoad } from '../components/ui.js';
import { CustomAttributeForm } from './custom-attribute-form.js';

/** `displayName`, or `distinguishedName (Strategy:2.0:User)` for an extension attribute. */
function optionLabel(path: string): string {
  const split = path.lastIndexOf(':');
  if (split < 0) return path;
  return `${path.slice(split + 1)} (${path.slice(0, split).split(':').slice(-3).join(':')})`;
}

function MappingRow(props: {
  mapping: MappingView;
  onSaved: (mappings: MappingView[]) => void;
  onError: (text: string) => void;
}) {
  const { api } = useConsole();
  const { mapping } = props;
  const [choice, setChoice] = useState(mapping.scimPath);
  const [busy, setBusy] = useState(false);
  const selectId = `mapping-${mapping.field.replace(/\W/g, '-')}`;
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      props.onSaved(await api.setMapping(mapping.field, choice));
    } catch (failure) {
      props.onError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <th scope="row">
        {mapping.label}
        <span class="sub">{mapping.resourceType}</span>
      </th>
      <td>
        {mapping.remappable ? (
          <div class="mapping-edit">
            <label for={selectId} class="offscreen">
              SCIM attribute for {mapping.label} ({mapping.resourceType})
            </label>
            <select id={selectId} value={choice} onChange={(event) => setChoice(event.currentTarget.value)}>
              {(mapping.candidates.includes(mapping.scimPath)
                ? mapping.candidates
                : [mapping.scimPath, ...mapping.candidates]
              ).map((candidate) => (
                <option key={candidate} value={candidate}>
                  {optionLabel(candidate)}
                </option>
              ))}
            </select>
            {choice !== mapping.scimPath && (
              <button
                type="button"
                class="button button-primary button-small"
                disabled={busy}
                onClick={() => void save()}
              >
                Save
              </button>
            )}
          </div>
        ) : (
          <code>{mapping.attribute}</code>
        )}
        {mapping.scimPath !== mapping.defaultScimPath && <span class="sub">Default: {mapping.defaultScimPath}</span>}
      </td>
      <td class="schema-cell">
        <code>{mapping.schema}</code>
      </td>
    </tr>
  );
}

function AttributeTable(props: {
  attributes: CustomAttributeView[];
  onRemove: (attribute: CustomAttributeView) => void;
}) {
  if (props.attributes.length === 0) return <p class="muted">No custom attributes yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Resource</th>
            <th scope="col">Schema URN (Okta External namespace)</th>
            <th scope="col">
              <span class="offscreen">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.attributes.map((attribute) => (
            <tr key={attribute.id}>
              <th scope="row">
                <code>{attribute.name}</code>
              </th>
              <td>
                {attribute.type}
                {attribute.multiValued ? ', multi-valued' : ''}
                {attribute.caseExact ? ', case-exact' : ''}
              </td>
              <td>{attribute.resourceType}</td>
              <td class="schema-cell">
                <code>{attribute.schema}</code>
              </td>
              <td class="actions">
                <button
                  type="button"
                  class="button button-danger-outline button-small"
                  onClick={() => props.onRemove(attribute)}
                  aria-label={`Remove ${attribute.name}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MappingsPage() {
  const { api } = useConsole();
  const mappings = useLoad(() => api.mappings(), []);
  const attributes = useLoad(() => api.attributes(), []);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [added, setAdded] = useState<CustomAttributeView>();
  const [removing, setRemoving] = useState<CustomAttributeView>();

  const remove = async (): Promise<void> => {
    if (!removing) return;
    try {
      await api.removeAttribute(removing.id);
      setMessage({
        kind: 'success',
        text: `“${removing.name}” is no longer published in /Schemas. Values already stored are kept but no longer returned.`,
      });
      if (added?.id === removing.id) setAdded(undefined);
      attributes.reload();
      mappings.reload();
    } catch (failure) {
      setMessage({ kind: 'error', text: errorText(failure) });
    } finally {
      setRemoving(undefined);
    }
  };

  return (
    <>
      <PageHeader title="Mappings">
        Which SCIM attribute feeds each Library field, and the custom attributes published in /Schemas.
      </PageHeader>
      {message && (
        <Notice kind={message.kind} onDismiss={() => setMessage(undefined)}>
          {message.text}
        </Notice>
      )}

      <Card
        title="Library fields"
        id="library-fields"
        description="A changed mapping is applied at once to every user and group, from their stored SCIM data."
      >
        {mappings.error ? (
          <Notice kind="error">{errorText(mappings.error)}</Notice>
        ) : !mappings.data ? (
          <Loading what="mappings" />
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Library field</th>
                  <th scope="col">SCIM attribute</th>
                  <th scope="col">SCIM schema</th>
                </tr>
              </thead>
              <tbody>
                {mappings.data.map((mapping) => (
                  <MappingRow
                    key={`${mapping.field}:${mapping.scimPath}`}
                    mapping={mapping}
                    onSaved={(next) => {
                      mappings.setData(next);
                      setMessage({ kind: 'success', text: `“${mapping.label}” mapping saved.` });
                    }}
                    onError={(text) => setMessage({ kind: 'error', text })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card
        title="Add a custom attribute"
        id="add-attribute"
        description="It appears in /Schemas at once, and is accepted, stored, returned, filterable and reachable by PATCH."
      >
        <CustomAttributeForm
          onAdded={(attribute) => {
            setAdded(attribute);
            setMessage(undefined);
            attributes.reload();
            mappings.reload();
          }}
        />
        {added && (
          <div class="secret-panel" role="region" aria-label="Okta Profile Editor values">
            <p>
              <strong>“{added.name}” is published.</strong> Filter and PATCH path: <code>{added.path}</code>
            </p>
            {added.okta ? (
              <>
                <p>In Okta's Profile Editor (your app's user profile › Add Attribute), enter:</p>
                <div class="okta-values">
                  <span id="okta-external-name-label">External name</span>
                  <CopyField id="okta-external-name" label="External name" value={added.okta.externalName} />
                  <span id="okta-external-namespace-label">External namespace</span>
                  <CopyField
                    id="okta-external-namespace"
                    label="External namespace"
                    value={added.okta.externalNamespace}
                  />
                </div>
              </>
            ) : (
              <p class="muted">Okta does not push custom group attributes; set it from other clients.</p>
            )}
          </div>
        )}
      </Card>

      <Card title="Custom attributes" id="custom-attributes">
        {attributes.error ? (
          <Notice kind="error">{errorText(attributes.error)}</Notice>
        ) : !attributes.data ? (
          <Loading what="custom attributes" />
        ) : (
          <AttributeTable attributes={attributes.data} onRemove={setRemoving} />
        )}
      </Card>

      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove “${removing?.name ?? ''}”?`}
        confirmLabel="Remove attribute"
        danger
        onCancel={() => setRemoving(undefined)}
        onConfirm={() => void remove()}
      >
        <p>The attribute disappears from /Schemas. Identity providers that still send it will have it ignored.</p>
      </ConfirmDialog>
    </>
  );
}
