/**
 * Items to domain objects and back. An assessment's row revisions live in top-level attributes
 * (keys.ts `REV`); the domain sees them as `rows[code].selfRev` / `appraisalRev`, and the `r:` revision
 * (any change of the row) stays with the store, kept beside the object it was read into.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Assessment, StoredRow } from '../../../shared/assessment.js';
import type { AuditEntry } from '../../../shared/schemas.js';
import { assessmentKey, LEAF_POINTS, POINTS, REV, SUMMARY_HEAD, SUMMARY_KEYS } from './keys.js';
import { getFramework } from '../../../shared/framework-registry.js';
import type { SetUnitKind } from '../../../shared/frameworks/model.js';
import { isPacked, pointsFrom, summaryAttributes, unpackRows } from './summaries.js';
import type { Table } from './table.js';

/**
 * As read: the item also carries the audit entries of its last change (`lastChange`, at the item's
 * version) and of the one before (`priorChange`, at version − 1), until their records are written.
 */
export type StoredAssessment = Assessment & { lastChange?: AuditEntry[]; priorChange?: AuditEntry[] };

const rowRevisions = new WeakMap<Assessment, Record<string, number>>();
/** The `r:` revision of each row of an assessment as it was read. */
export const revisionsOf = (a: Assessment) => rowRevisions.get(a) ?? {};

const withSummary = new WeakSet<Assessment>();
/** Whether the item an assessment was read from carries its summary's `pl` (items from before summaries do not). */
export const hasSummary = (a: Assessment) => withSummary.has(a);
/** Attributes of the item that are its summary's, not the assessment's (summaries.ts). */
const SUMMARY_OWN: readonly string[] = [POINTS, LEAF_POINTS, SUMMARY_KEYS.pk, SUMMARY_KEYS.sk];

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
    } else if (!SUMMARY_OWN.includes(k)) a[k] = v;
  }
  a.rows = rows;
  rowRevisions.set(a as unknown as Assessment, revs);
  const fw = getFramework(rest.frameworkId as string, rest.unitKind as SetUnitKind | undefined);
  if (fw && isPacked(rest[LEAF_POINTS], fw)) withSummary.add(a as unknown as Assessment);
  return a as unknown as StoredAssessment;
}

/**
 * The whole item for the assessment `next` at `version`, written in place of `current`: the rows in
 * `changed` take the new version as their revisions, where their parts changed.
 */
export function toItem(current: Assessment, next: StoredAssessment, changed: string[], version: number, audit: AuditEntry[]) {
  const { lastChange: _l, priorChange: _p, ...fields } = next;
  const prior = (current as StoredAssessment).lastChange;
  const item: Record<string, unknown> = {
    ...assessmentKey(current),
    ...fields,
    version,
    lastChange: audit,
    ...(prior ? { priorChange: prior } : {}),
    rows: {},
  };
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
  // The summary of the state written (its head fields too), under the item's own keys.
  const { cycleId, districtId, unitId } = current;
  return { ...item, ...summaryAttributes({ ...fields, cycleId, districtId, unitId }, version) };
}

const readFrom = new WeakMap<Assessment, Record<string, unknown>>();
/**
 * The summary's `pts` as the item an assessment was read from makes it (`getItem`, `getForRows`), for
 * a writer that must write it again: no second read. Undefined for an item without `pl`.
 */
export function pointsOfRead(a: Assessment & { cycleId: string; districtId: string; unitId: string }) {
  const item = readFrom.get(a);
  return item ? pointsFrom(a, item) : undefined;
}

/** One assessment item, read consistently. */
export async function getItem(
  t: Table,
  a: { cycleId: string; districtId: string; unitId: string },
): Promise<StoredAssessment | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: assessmentKey(a), ConsistentRead: true }));
  if (!r.Item) return undefined;
  const read = fromItem(r.Item);
  readFrom.set(read, r.Item);
  return read;
}

/** The item's top-level fields other than rows and revisions (a projected read asks for these by name). */
const HEAD = [
  ...new Set([
    ...SUMMARY_HEAD,
    'version',
    'frameworkId',
    'returnReason',
    'lastChange',
    'priorChange',
    LEAF_POINTS,
    SUMMARY_KEYS.pk,
    SUMMARY_KEYS.sk,
  ]),
];

const partial = new WeakMap<Assessment, ReadonlySet<string>>();
/**
 * The rows an assessment was read for, when it was read for some rows only (`getForRows`): those rows
 * whole, the others' points from the summary, no texts. Such a state may only be written back as a
 * change of those rows.
 */
export const readForRows = (a: Assessment) => partial.get(a);

/**
 * One assessment read for a change of `codes` only: the head, those rows whole with their revisions,
 * every other row's points from the summary. A row save needs no more (its answer: those rows and the
 * totals), so 1–2 KB cross the wire instead of 14. An item without a summary is read whole.
 */
export async function getForRows(
  t: Table,
  key: { cycleId: string; districtId: string; unitId: string },
  codes: readonly string[],
): Promise<StoredAssessment | undefined> {
  const names: Record<string, string> = { '#R': 'rows' };
  const paths: string[] = [];
  HEAD.forEach((f, i) => {
    names[`#h${i}`] = f;
    paths.push(`#h${i}`);
  });
  codes.forEach((code, i) => {
    Object.assign(names, {
      [`#k${i}`]: code,
      [`#g${i}`]: `${REV.any}${code}`,
      [`#s${i}`]: `${REV.self}${code}`,
      [`#a${i}`]: `${REV.appraisal}${code}`,
    });
    paths.push(`#R.#k${i}`, `#g${i}`, `#s${i}`, `#a${i}`);
  });
  const r = await t.db.send(
    new GetCommand({
      TableName: t.table,
      Key: assessmentKey(key),
      ConsistentRead: true,
      ProjectionExpression: paths.join(', '),
      ExpressionAttributeNames: names,
    }),
  );
  if (!r.Item) return undefined;
  const fw = getFramework(r.Item.frameworkId as string, r.Item.unitKind as SetUnitKind | undefined);
  if (!fw || !isPacked(r.Item[LEAF_POINTS], fw)) return getItem(t, key);
  const a = fromItem({ rows: {}, ...r.Item });
  for (const [code, row] of Object.entries(unpackRows(fw, r.Item[LEAF_POINTS]))) if (!codes.includes(code)) a.rows[code] = row;
  partial.set(a, new Set(codes));
  readFrom.set(a, r.Item);
  return a;
}
