/**
 * The dateTime values that filters compare (RFC 7643 section 2.3.5: xsd:dateTime), normalised to
 * one canonical text, `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, so that comparing two values as text
 * compares their instants. The SQL compiler (`src/store/sql/filter-sql-date-time.ts`) reproduces
 * exactly this function in each dialect; keep them in step.
 *
 * Accepted: a valid calendar date (years 0001-9999), optionally followed by `T`, a time of day
 * (00:00:00 to 23:59:59), a fraction of any length and a zone (`Z`, `z` or `+hh:mm`/`-hh:mm` up to
 * 14:59). A missing zone means UTC; a date alone means its midnight UTC. The fraction is truncated
 * to milliseconds. Anything else (`2020-02-30`, `24:00:00`, `now`) is not a dateTime.
 */

const YEAR = '(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})';
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
const LEAP_DAY = '(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29';
const TIME = 'T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:[Zz]|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?';

/**
 * The accepted forms as one anchored regular expression. It is written in the common subset of
 * JavaScript and PostgreSQL (ARE) syntax: the PostgreSQL compiler binds it as a parameter.
 */
export const DATE_TIME_PATTERN = `^(?:${YEAR}-${MONTH_DAY}|${LEAP_DAY})(?:${TIME})?$`;

const VALID = new RegExp(DATE_TIME_PATTERN);
const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))?)?$/;

function toNumber(text: string | undefined): number {
  return text === undefined ? 0 : Number.parseInt(text, 10);
}

/** The canonical UTC text of a dateTime value, or undefined when `text` is not one. */
export function normalizeDateTime(text: string): string | undefined {
  if (!VALID.test(text)) return undefined;
  const parts = PARTS.exec(text);
  if (parts === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = parts;
  const millis = toNumber((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  date.setUTCFullYear(toNumber(year), toNumber(month) - 1, toNumber(day));
  date.setUTCHours(toNumber(hour), toNumber(minute), toNumber(second), millis);
  const offset = (toNumber(offsetHours) * 60 + toNumber(offsetMinutes)) * (sign === '-' ? -1 : 1);
  return new Date(date.getTime() - offset * 60_000).toISOString();
}
