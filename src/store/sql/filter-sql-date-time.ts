/**
 * dateTime normalisation in SQL: the same function as `normalizeDateTime`
 * (`src/scim/filter/date-time-value.ts`), so that a dateTime stored in any accepted ISO 8601 form
 * compares by instant, as canonical UTC text `YYYY-MM-DDTHH:MM:SS.mmmZ`. A text that is not an
 * accepted dateTime yields NULL; nothing here can raise an error on bad data.
 *
 * The text expression is evaluated once, in a scalar subquery, and referred to as `t`.
 */
import { sql } from 'kysely';
import { DATE_TIME_PATTERN } from '../../scim/filter/date-time-value.js';
import type { Expr } from './filter-sql-operand.js';
import type { StoreDialect } from '../store.js';

const ISO_FORMAT = '%Y-%m-%dT%H:%M:%fZ';
const DATE_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
const DATE_TIME_GLOB = `${DATE_GLOB}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*`;
/** A zone at the end of the text. */
const ZONE_SUFFIX = '([Zz]|[+-][0-9]{2}:[0-9]{2})$';
/** Digits of the fraction beyond milliseconds, which are truncated. */
const EXTRA_FRACTION = '^([^.]*\\.[0-9]{3})[0-9]+';

/**
 * SQLite: GLOB checks the shape, date() the calendar (it rolls 2020-02-30 over, so the round trip
 * fails), plain comparisons the time and zone ranges; strftime() converts the zone to UTC. The
 * fraction is cut to three digits first, so strftime's rounding to milliseconds is exact.
 */
function sqliteNormalized(text: Expr): Expr {
  const zone = sql`CASE WHEN substr(t, -1) IN ('Z', 'z') THEN 'Z' WHEN substr(t, -6) GLOB '[+-][0-1][0-9]:[0-5][0-9]' AND substr(t, -5, 2) <= '14' THEN substr(t, -6) ELSE '' END`;
  return sql`(SELECT CASE
    WHEN t GLOB ${DATE_GLOB} AND substr(t, 1, 4) <> '0000' AND date(t) = t THEN strftime(${ISO_FORMAT}, t)
    WHEN t GLOB ${DATE_TIME_GLOB} AND substr(t, 1, 4) <> '0000' AND date(substr(t, 1, 10)) = substr(t, 1, 10)
      AND substr(t, 12, 2) <= '23' AND substr(t, 15, 2) <= '59' AND substr(t, 18, 2) <= '59'
      AND (f = '' OR (length(f) >= 2 AND substr(f, 1, 1) = '.' AND substr(f, 2) NOT GLOB '*[^0-9]*'))
      THEN strftime(${ISO_FORMAT}, substr(t, 1, 19) || substr(f, 1, 4) || z)
  END FROM (SELECT t, z, substr(t, 20, length(t) - 19 - length(z)) AS f FROM (SELECT t, ${zone} AS z FROM (SELECT ${text} AS t))))`;
}

/**
 * PostgreSQL: the shared regular expression checks everything (calendar included) before the
 * cast, so the cast cannot fail; a missing zone is UTC whatever the session's TimeZone.
 */
function postgresNormalized(text: Expr): Expr {
  const truncated = sql`regexp_replace(t, ${EXTRA_FRACTION}, ${'\\1'})`;
  const withZone = sql`(CASE WHEN length(t) = 10 THEN t || 'T00:00:00Z' WHEN t ~ ${ZONE_SUFFIX} THEN ${truncated} ELSE ${truncated} || 'Z' END)`;
  return sql`(SELECT CASE WHEN t ~ ${DATE_TIME_PATTERN} THEN to_char(CAST(${withZone} AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END FROM (SELECT CAST(${text} AS text) AS t) AS scim_dt)`;
}

/** Canonical UTC text of the dateTime in `text` (an SQL text expression), or NULL. */
export function normalizedDateTimeSql(text: Expr, dialect: StoreDialect): Expr {
  return dialect === 'sqlite' ? sqliteNormalized(text) : postgresNormalized(text);
}
