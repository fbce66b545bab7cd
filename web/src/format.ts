/** Dates, numbers and form fields as the console shows and reads them. */

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE_TIME_SECONDS = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const NUMBER = new Intl.NumberFormat();

export function dateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? iso : DATE_TIME.format(parsed);
}

export function dateTimeSeconds(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? iso : DATE_TIME_SECONDS.format(parsed);
}

export function count(value: number): string {
  return NUMBER.format(value);
}

/** "in 3 days", "2 hours ago". */
export function relative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const delta = Date.parse(iso) - now;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(delta) >= size) return format.format(Math.round(delta / size), unit);
  }
  return format.format(Math.round(delta / 1000), 'second');
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The text of a form field (`fallback` when the field is missing or holds a file). */
export function formText(form: FormData, name: string, fallback = ''): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : fallback;
}
