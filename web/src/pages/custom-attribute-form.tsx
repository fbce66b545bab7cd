/** The form that adds a custom attribute. */
import { useState } from 'preact/hooks';
import { type CustomAttributeType, type CustomAttributeView, errorText } from '../api.js';
import { useConsole } from '../context.js';
import { Notice } from '../components/ui.js';
import { formText } from '../format.js';

const STRATEGY = {
  User: 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User',
  Group: 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group',
} as const;
const TYPES: CustomAttributeType[] = ['string', 'boolean', 'integer', 'decimal', 'dateTime', 'reference', 'binary'];

export function CustomAttributeForm(props: { onAdded: (attribute: CustomAttributeView) => void }) {
  const { api } = useConsole();
  const [resourceType, setResourceType] = useState<'User' | 'Group'>('User');
  const [schema, setSchema] = useState<string>(STRATEGY.User);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const changeResource = (next: 'User' | 'Group'): void => {
    if (schema === STRATEGY[resourceType]) setSchema(STRATEGY[next]);
    setResourceType(next);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setBusy(true);
    setError(undefined);
    try {
      const attribute = await api.addAttribute({
        name: formText(form, 'name'),
        type: formText(form, 'type', 'string') as CustomAttributeType,
        resourceType,
        schema,
        multiValued: form.get('multiValued') === 'on',
        caseExact: form.get('caseExact') === 'on',
        description: formText(form, 'description'),
      });
      formElement.reset();
      props.onAdded(attribute);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-grid attribute-form" onSubmit={(event) => void submit(event)} aria-label="Add a custom attribute">
      {error && <Notice kind="error">{error}</Notice>}
      <div class="field">
        <label for="attribute-name">Name</label>
        <input
          id="attribute-name"
          name="name"
          required
          pattern="[A-Za-z][A-Za-z0-9_\-]{0,63}"
          placeholder="costCenterCode"
          aria-describedby="attribute-name-help"
          spellcheck={false}
        />
        <p class="hint" id="attribute-name-help">
          A letter, then letters, digits, “-” or “_”. Okta's External name.
        </p>
      </div>
      <div class="field">
        <label for="attribute-type">Type</label>
        <select id="attribute-type" name="type" defaultValue="string">
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="attribute-resource">Resource</label>
        <select
          id="attribute-resource"
          value={resourceType}
          onChange={(event) => changeResource(event.currentTarget.value === 'Group' ? 'Group' : 'User')}
        >
          <option value="User">User</option>
          <option value="Group">Group</option>
        </select>
      </div>
      <div class="field field-wide">
        <label for="attribute-schema">Schema URN</label>
        <input
          id="attribute-schema"
          class="mono"
          required
          value={schema}
          onInput={(event) => setSchema(event.currentTarget.value)}
          aria-describedby="attribute-schema-help"
          spellcheck={false}
        />
        <p class="hint" id="attribute-schema-help">
          The Strategy extension by default. Okta's External namespace.
        </p>
      </div>
      <div class="field field-wide">
        <label for="attribute-description">Description (optional)</label>
        <input id="attribute-description" name="description" maxLength={500} />
      </div>
      <fieldset class="field field-wide checkboxes">
        <legend>Options</legend>
        <label>
          <input type="checkbox" name="multiValued" /> Multi-valued
        </label>
        <label>
          <input type="checkbox" name="caseExact" /> Case-exact (filters compare case-sensitively)
        </label>
      </fieldset>
      <div class="field field-action">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add attribute'}
        </button>
      </div>
    </form>
  );
}
