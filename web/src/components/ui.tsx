/** Small building blocks shared by the pages. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export function Card(props: {
  title?: string;
  description?: ComponentChildren;
  actions?: ComponentChildren;
  children?: ComponentChildren;
  id?: string;
}) {
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section class="card" id={props.id} aria-labelledby={headingId}>
      {(props.title || props.actions) && (
        <header class="card-header">
          <div>
            {props.title && <h2 id={headingId}>{props.title}</h2>}
            {props.description && <p class="muted">{props.description}</p>}
          </div>
          {props.actions && <div class="card-actions">{props.actions}</div>}
        </header>
      )}
      {props.children}
    </section>
  );
}

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1>{props.title}</h1>
      {props.children && <p class="lead">{props.children}</p>}
    </header>
  );
}

export function Notice(props: {
  kind: 'error' | 'success' | 'warning' | 'info';
  children: ComponentChildren;
  onDismiss?: () => void;
}) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <div class="notice-body">{props.children}</div>
      {props.onDismiss && (
        <button type="button" class="button-link" onClick={props.onDismiss} aria-label="Dismiss">
          Dismiss
        </button>
      )}
    </div>
  );
}

export function Badge(props: { tone: 'green' | 'red' | 'amber' | 'grey' | 'blue'; children: ComponentChildren }) {
  return <span class={`badge badge-${props.tone}`}>{props.children}</span>;
}

export function StatusCode(props: { status: number }) {
  const tone = props.status >= 500 ? 'red' : props.status >= 400 ? 'amber' : props.status >= 300 ? 'blue' : 'green';
  return <Badge tone={tone}>{props.status}</Badge>;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

export function CopyButton(props: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);
  const label = props.label ?? 'Copy';
  return (
    <button
      type="button"
      class="button button-secondary button-small"
      onClick={() => void copyText(props.text).then((copied) => setState(copied ? 'copied' : 'failed'))}
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}</span>
    </button>
  );
}

/** A value the admin pastes elsewhere: shown in monospace with a copy button. */
export function CopyField(props: { value: string; label: string; id: string }) {
  return (
    <div class="copy-field">
      <label for={props.id} class="offscreen">
        {props.label}
      </label>
      <input
        id={props.id}
        class="mono"
        readOnly
        value={props.value}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton text={props.value} label={`Copy`} />
    </div>
  );
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class={`button ${props.danger ? 'button-danger' : 'button-primary'}`}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function Pager(props: {
  startIndex: number;
  shown: number;
  total: number;
  pageSize: number;
  onPage: (startIndex: number) => void;
  noun: string;
}) {
  const first = props.total === 0 ? 0 : props.startIndex;
  const last = props.startIndex + props.shown - 1;
  return (
    <nav class="pager" aria-label={`${props.noun} pages`}>
      <span class="muted">
        {props.total === 0
          ? `No ${props.noun}`
          : `${first.toLocaleString()}–${Math.max(first, last).toLocaleString()} of ${props.total.toLocaleString()} ${props.noun}`}
      </span>
      <div class="pager-buttons">
        <button
          type="button"
          class="button button-secondary button-small"
          disabled={props.startIndex <= 1}
          onClick={() => props.onPage(Math.max(1, props.startIndex - props.pageSize))}
        >
          Previous
        </button>
        <button
          type="button"
          class="button button-secondary button-small"
          disabled={last >= props.total}
          onClick={() => props.onPage(props.startIndex + props.pageSize)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="muted loading" role="status">
      Loading {props.what}…
    </p>
  );
}

export function JsonBlock(props: { value: unknown; label: string }) {
  return (
    <pre class="json" tabIndex={0} aria-label={props.label}>
      <code>{JSON.stringify(props.value, null, 2)}</code>
    </pre>
  );
}

/** Data loaded from the API, with its error, and a way to load it again. */
export function useLoad<T>(
  load: () => Promise<T>,
  dependencies: unknown[],
): { data: T | undefined; error: unknown; reload: () => void; setData: (value: T) => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    load().then(
      (value) => current && setData(value),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [...dependencies, generation]);
  return { data, error, reload: () => setGeneration((value) => value + 1), setData };
}

/** The Library fields of a user or group, as a definition list in a card. */
export function LibraryFieldsCard(props: {
  id: string;
  fields: { field: string; label: string; value: string | null }[];
}) {
  return (
    <Card title="Library fields" id={props.id}>
      <dl class="fields">
        {props.fields.map((field) => (
          <div key={field.field}>
            <dt>{field.label}</dt>
            <dd>{field.value ?? <span class="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
