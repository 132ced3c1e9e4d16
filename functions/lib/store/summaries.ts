/**
 * Compact summaries (keys.ts): each assessment item carries its rows' points packed into one small map
 * (`pts`) and the keys of the `summaries` index, set in the same conditional write as the rest of the
 * item, so the two can never disagree. The index projects the head fields and `pts` only (about 1 KB a
 * commune): the consolidated view, the rankings, the public results and the spreadsheets read those,
 * never the 14 KB items. Totals, indexes and classes are computed from them by shared/scoring.ts, the
 * same function that computes them everywhere else.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { totalsOf, type Assessment, type AssessmentFigures, type LeafScores, type ScoreRow } from '../../../shared/assessment.js';
import type { Framework } from '../../../shared/framework.js';
import { getFramework } from '../../../shared/framework-registry.js';
import { assessmentKey, POINTS, SUMMARY_FIELDS, SUMMARY_INDEX, SUMMARY_KEYS, summaryPk } from './keys.js';
import { isConditionFailure, type Table } from './table.js';

/**
 * The points are packed leaf by leaf: `pts` is a list in the framework's leaf order, each element four
 * characters — the leaf's self and appraised hundredths, two base-36 digits each (0–1295; a leaf's
 * maximum is far below), `--` unscored, `~~` in the self place when not applicable. A write of some
 * rows sets only their elements (`pts[i]`), so writers of different rows never block each other, as
 * the rows' own revisions already let them.
 */
const WIDTH = 2;
const UNSCORED = '--';
const NA = '~~';
const RANGE = 36 ** WIDTH;
const EMPTY = UNSCORED + UNSCORED;

const digits = (v: number | null | undefined) => {
  if (v === undefined || v === null) return UNSCORED;
  if (!Number.isInteger(v) || v < 0 || v >= RANGE) throw new Error(`points out of the summary's range: ${v}`);
  return v.toString(36).padStart(WIDTH, '0');
};

/** The framework a summary is packed in (its assessment's). */
export const summaryFramework = (id: string): Framework => {
  const fw = getFramework(id);
  if (!fw) throw new Error(`unknown framework ${id}`);
  return fw;
};

/** One leaf packed. */
export const packLeaf = (r: ScoreRow | undefined): string =>
  r ? (r.notApplicable ? NA : digits(r.self)) + digits(r.appraised) : EMPTY;

/** Every leaf packed, in the framework's leaf order. */
export const packRows = (fw: Framework, rows: Readonly<Record<string, ScoreRow | undefined>>): string[] =>
  fw.leaves.map((l) => packLeaf(rows[l.code]));

/** The position of each leaf in the packed list (cached per framework). */
const positions = new WeakMap<Framework, Map<string, number>>();
export function leafIndex(fw: Framework, code: string): number | undefined {
  let m = positions.get(fw);
  if (!m) positions.set(fw, (m = new Map(fw.leaves.map((l, i) => [l.code, i]))));
  return m.get(code);
}

const DASH = '-'.charCodeAt(0);
const TILDE = '~'.charCodeAt(0);
/** One base-36 digit's value from its char code (0-9, a-z). */
const digit = (c: number) => (c <= 57 ? c - 48 : c - 87);

/** The packed leaves as arrays in `fw.leaves` order (what scoring reads; see shared/assessment.ts LeafScores). */
export function unpackLeaves(fw: Framework, packed: readonly string[]): LeafScores {
  const n = fw.leaves.length;
  const out: LeafScores = {
    self: new Array<number>(n).fill(-1),
    appraised: new Array<number>(n).fill(-1),
    notApplicable: new Array<number>(n).fill(0),
  };
  for (let i = 0; i < n && i < packed.length; i++) {
    const p = packed[i]!;
    const s0 = p.charCodeAt(0);
    if (s0 === TILDE) out.notApplicable[i] = 1;
    else if (s0 !== DASH) out.self[i] = digit(s0) * 36 + digit(p.charCodeAt(1));
    const a0 = p.charCodeAt(WIDTH);
    if (a0 !== DASH) out.appraised[i] = digit(a0) * 36 + digit(p.charCodeAt(WIDTH + 1));
  }
  return out;
}

/** The rows of leaf arrays (a leaf with nothing entered is left out, as in the item). */
function rowsOfLeaves(fw: Framework, l: LeafScores): Record<string, ScoreRow> {
  const rows: Record<string, ScoreRow> = {};
  fw.leaves.forEach((leaf, i) => {
    if (l.self[i]! < 0 && l.appraised[i]! < 0 && l.notApplicable[i] !== 1) return;
    const row: ScoreRow = {};
    if (l.notApplicable[i] === 1) row.notApplicable = true;
    if (l.self[i]! >= 0) row.self = l.self[i]!;
    if (l.appraised[i]! >= 0) row.appraised = l.appraised[i]!;
    rows[leaf.code] = row;
  });
  return rows;
}

/** The rows of a packed list. */
export const unpackRows = (fw: Framework, packed: readonly string[]) => rowsOfLeaves(fw, unpackLeaves(fw, packed));

/** Whether an item's `pts` is a summary this code reads (absent, or another shape: none). */
export const isPacked = (pts: unknown, fw: Framework): pts is string[] => Array.isArray(pts) && pts.length === fw.leaves.length;

/** The index keys of an assessment's summary. */
export const summaryKeyOf = (a: { cycleId: string; districtId: string; unitId: string }) => ({
  [SUMMARY_KEYS.pk]: summaryPk(a.cycleId, a.districtId),
  [SUMMARY_KEYS.sk]: a.unitId,
});

/** What an assessment item carries for its summary beside its own fields: the packed points and the index keys. */
export const summaryAttributes = (a: {
  cycleId: string;
  districtId: string;
  unitId: string;
  frameworkId: string;
  rows: Record<string, ScoreRow>;
}) => ({
  [POINTS]: packRows(summaryFramework(a.frameworkId), a.rows),
  ...summaryKeyOf(a),
});

/**
 * The whole summary as an update's SET clause (placeholders `#P`/`#GP`/`#GS`, `:P`/`:GP`/`:GS`): for an
 * item that has none yet, in a change's own write (updates.ts) or on its own (`writeSummary`).
 */
export function summarySet(a: Parameters<typeof summaryAttributes>[0]) {
  const attrs = summaryAttributes(a);
  return {
    clauses: ['#P = :P', '#GP = :GP', '#GS = :GS'],
    names: { '#P': POINTS, '#GP': SUMMARY_KEYS.pk, '#GS': SUMMARY_KEYS.sk },
    values: { ':P': attrs[POINTS], ':GP': attrs[SUMMARY_KEYS.pk], ':GS': attrs[SUMMARY_KEYS.sk] },
  };
}

/** The figures of an index item: the head fields, the rows' points unpacked. */
export function fromSummary(item: Record<string, unknown>): AssessmentFigures | undefined {
  const out: Record<string, unknown> = {};
  for (const f of SUMMARY_FIELDS) if (f !== POINTS && item[f] !== undefined) out[f] = item[f];
  const fw = summaryFramework(item.frameworkId as string);
  if (!isPacked(item[POINTS], fw)) return undefined;
  const packed = item[POINTS];
  // Scoring reads the arrays and keeps only its totals; the arrays and the rows by code are built again
  // only if someone reads them (10,000 summaries are held at once).
  let rows: Record<string, ScoreRow> | undefined;
  Object.defineProperty(out, 'leafScores', { enumerable: false, get: () => unpackLeaves(fw, packed) });
  Object.defineProperty(out, 'rows', { enumerable: true, get: () => (rows ??= unpackRows(fw, packed)) });
  const figures = out as unknown as AssessmentFigures;
  // Scored as it arrives, while the other pages are still on their way (the same totalsOf as everywhere).
  Object.defineProperty(out, 'totals', { value: { frameworkId: fw.id, ...totalsOf(fw, figures) }, enumerable: false });
  return figures;
}

/** Every summary in one appraising unit's partition of the index, following its pages. */
async function queryUnit(t: Table, cycleId: string, auId: string): Promise<AssessmentFigures[]> {
  const out: AssessmentFigures[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await t.db.send(
      new QueryCommand({
        TableName: t.table,
        IndexName: SUMMARY_INDEX,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': SUMMARY_KEYS.pk },
        ExpressionAttributeValues: { ':p': summaryPk(cycleId, auId) },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of r.Items ?? []) {
      // A summary of another shape is left out: the reader treats it as missing and rewrites it.
      const f = fromSummary(item);
      if (f) out.push(f);
    }
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** At most this many items read at once when summaries are missing (items from before summaries). */
const REPAIR_CONCURRENCY = 16;

/**
 * The summaries of these communes (each with its appraising unit), one query per appraising unit, in
 * parallel. A commune missing from the index (an item written before summaries existed, or one the
 * index has not caught up with yet in AWS) is read from its item, which also gets its summary written,
 * so that the next read finds it. Ordered as the items are (appraising unit, then unit id).
 */
export async function listSummaries(
  t: Table,
  cycleId: string,
  communes: readonly { districtId: string; id: string }[],
  readItem: (districtId: string, unitId: string) => Promise<Assessment | undefined>,
): Promise<AssessmentFigures[]> {
  const auIds = [...new Set(communes.map((c) => c.districtId))];
  const found = (await Promise.all(auIds.map((au) => queryUnit(t, cycleId, au)))).flat();
  const seen = new Set(found.map((s) => `${s.districtId}#${s.unitId}`));
  const missing = communes.filter((c) => !seen.has(`${c.districtId}#${c.id}`));
  for (let i = 0; i < missing.length; i += REPAIR_CONCURRENCY) {
    const read = await Promise.all(
      missing.slice(i, i + REPAIR_CONCURRENCY).map(async (c) => {
        const a = await readItem(c.districtId, c.id);
        if (a) await writeSummary(t, a);
        return a;
      }),
    );
    for (const a of read) if (a) found.push(a);
  }
  const key = (s: AssessmentFigures) => `${s.districtId}#${s.unitId}`;
  return found.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** Writes the summary of an item that has none, on the version that was read (a newer writer writes its own). */
export async function writeSummary(t: Table, a: Assessment): Promise<void> {
  const summary = summarySet(a);
  try {
    await t.db.send(
      new UpdateCommand({
        TableName: t.table,
        Key: assessmentKey(a),
        UpdateExpression: `SET ${summary.clauses.join(', ')}`,
        ConditionExpression: '#V = :v',
        ExpressionAttributeNames: { ...summary.names, '#V': 'version' },
        ExpressionAttributeValues: { ...summary.values, ':v': a.version },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
