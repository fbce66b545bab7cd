/**
 * RFC 7644 section 3.4.2.2 filter syntax tree. The parser produces a `Filter` whose attribute
 * paths are spelled as the client wrote them; `resolveFilter` turns it into a `ResolvedFilter`
 * whose paths are checked against the schema registry and carry their definitions.
 */
import type { ResolvedAttribute } from '../schemas/types.js';

/**
 * How deep `pr` looks into nested arrays and objects, in the in-memory evaluator and in the SQL
 * compiler alike (part of what a resolved filter means).
 */
export const PRESENCE_DEPTH = 2;

/** An attribute path as written: `[uri:]name[.sub]`. */
export interface AttrPath {
  uri?: string | undefined;
  name: string;
  sub?: string | undefined;
}

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A comparison literal: JSON string, number, `true`, `false` or `null`. */
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and'; left: Filter; right: Filter }
  | { kind: 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /**
   * `emails[type eq "work"]`: `filter` is evaluated against each element of the multi-valued
   * (or the complex) attribute `path`; its own paths name sub-attributes (`name` only).
   */
  | { kind: 'valuePath'; path: AttrPath; filter: Filter };

export type ResolvedFilter =
  | { kind: 'compare'; attr: ResolvedAttribute; op: CompareOp; value: FilterValue }
  | { kind: 'present'; attr: ResolvedAttribute }
  | { kind: 'and'; left: ResolvedFilter; right: ResolvedFilter }
  | { kind: 'or'; left: ResolvedFilter; right: ResolvedFilter }
  | { kind: 'not'; filter: ResolvedFilter }
  /** Inner filter attributes are resolved with `subAttribute` set to the element's field. */
  | { kind: 'valuePath'; attr: ResolvedAttribute; filter: ResolvedFilter };

/** A PATCH path (RFC 7644 section 3.5.2 PATH): `attrPath`, or `valuePath [ "." subAttr ]`. */
export interface PatchPath {
  attr: AttrPath;
  /** The value filter of `members[value eq "x"]`; its paths are relative to `attr`. */
  filter?: Filter | undefined;
  /** The sub-attribute after a value filter: the `value` of `emails[type eq "work"].value`. */
  subAfterFilter?: string | undefined;
}
