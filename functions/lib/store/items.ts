/**
 * Items to domain objects and back. An assessment's row revisions live in top-level attributes
 * (keys.ts `REV`); the domain sees them as `rows[code].selfRev` / `appraisalRev`, and the `r:` revision
 * (any change of the row) stays with the store, kept beside the object it was read into.
 */
import type { Assessment, StoredRow } from '../../../shared/assessment.js';
import type { AuditEntry } from '../../../shared/schemas.js';
import { assessmentKey, REV } from './keys.js';

/** As read: the item also carries the last change's audit entries (its version is the item's). */
export type StoredAssessment = Assessment & { lastChange?: AuditEntry[] };

const rowRevisions = new WeakMap<Assessment, Record<string, number>>();
/** The `r:` revision of each row of an assessment as it was read. */
export const revisionsOf = (a: Assessment) => rowRevisions.get(a) ?? {};

/** The item without its keys. */
export function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export function fromItem(item: Record<string, unknown>): StoredAssessment {
  const { pk: _pk, sk: _sk, ...rest } = item;
  const a = {} as Record<string, unknown>;
  const revs: Record<string, number> = {};
  const rows = { ...((rest.rows as Record<string, StoredRow>) ?? {}) };
  for (const [k, v] of Object.entries(rest)) {
    if (k.startsWith(REV.any)) revs[k.slice(REV.any.length)] = v as number;
    else if (k.startsWith(REV.self)) {
      const code = k.slice(REV.self.length);
      rows[code] = { ...rows[code], selfRev: v as number };
    } else if (k.startsWith(REV.appraisal)) {
      const code = k.slice(REV.appraisal.length);
      rows[code] = { ...rows[code], appraisalRev: v as number };
    } else a[k] = v;
  }
  a.rows = rows;
  rowRevisions.set(a as unknown as Assessment, revs);
  return a as unknown as StoredAssessment;
}

/**
 * The whole item for the assessment `next` at `version`, written in place of `current`: the rows in
 * `changed` take the new version as their revisions, where their parts changed.
 */
export function toItem(current: Assessment, next: StoredAssessment, changed: string[], version: number, audit: AuditEntry[]) {
  const { lastChange: _l, ...fields } = next;
  const item: Record<string, unknown> = { ...assessmentKey(current), ...fields, version, lastChange: audit, rows: {} };
  const revs = { ...revisionsOf(current) };
  for (const c of changed) revs[c] = version;
  for (const [code, r] of Object.entries(fields.rows)) {
    const { selfRev, appraisalRev, ...row } = r;
    const before = current.rows[code] ?? {};
    (item.rows as Record<string, unknown>)[code] = row;
    const rs = changed.includes(code) && selfRev !== before.selfRev ? version : before.selfRev;
    const ra = changed.includes(code) && appraisalRev !== before.appraisalRev ? version : before.appraisalRev;
    if (rs !== undefined) item[`${REV.self}${code}`] = rs;
    if (ra !== undefined) item[`${REV.appraisal}${code}`] = ra;
  }
  for (const [code, v] of Object.entries(revs)) item[`${REV.any}${code}`] = v;
  return item;
}
