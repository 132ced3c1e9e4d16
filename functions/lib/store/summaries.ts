/**
 * Compact summaries (keys.ts): each assessment item carries its rows' points packed into one short
 * string (`pts`, tagged with the version whose points it holds) and the keys of the `summaries` index.
 * The index projects the head fields and `pts` only (about 0.7 KB a commune): the consolidated view, the
 * rankings, the public results and the spreadsheets read those, never the 14 KB items. Totals, indexes
 * and classes are computed from them by shared/scoring.ts, the same function that computes them
 * everywhere else.
 *
 * Every write of an item sets its `pts` in the same write, computed from the state that write was
 * decided on (version v) and tagged v + 1. A write of some rows is conditioned on those rows only, so
 * another writer may have landed between its read and its write; then the item's version is beyond
 * v + 1 and the tag no longer matches it. So: a summary whose tag is its item's version is exact (no
 * write came between the state it was computed from and its own), and one whose tag is not is stale and
 * never read as figures — the reader reads the item and writes its summary again (`listSummaries`), as
 * does the writer that saw another land before it (updates.ts).
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { totalsOf, type Assessment, type AssessmentFigures, type LeafScores, type ScoreRow } from '../../../shared/assessment.js';
import type { Framework } from '../../../shared/framework.js';
import { getFramework } from '../../../shared/framework-registry.js';
import { assessmentKey, POINTS, SUMMARY_FIELDS, SUMMARY_INDEX, SUMMARY_KEYS, summaryPk } from './keys.js';
import { isConditionFailure, type Table } from './table.js';

/**
 * The points are packed leaf by leaf in the framework's leaf order, four characters a leaf — its self
 * and appraised hundredths, two base-36 digits each (0–1295; a leaf's maximum is far below), `--`
 * unscored, `~~` in the self place when not applicable — after the version they are of and a colon:
 * `pts` = `<version>:<leaves>`. One string, not a list: a list's 119 elements cost the query far more
 * than its characters.
 */
const WIDTH = 2;
const UNSCORED = '--';
const NA = '~~';
const RANGE = 36 ** WIDTH;
const EMPTY = UNSCORED + UNSCORED;
const LEAF_WIDTH = 2 * WIDTH;

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
export const packRows = (fw: Framework, rows: Readonly<Record<string, ScoreRow | undefined>>): string => {
  let out = '';
  for (const l of fw.leaves) out += packLeaf(rows[l.code]);
  return out;
};

/** The summary's points as stored: the rows packed, tagged with the version whose points they are. */
export const packSummary = (fw: Framework, rows: Readonly<Record<string, ScoreRow | undefined>>, version: number) =>
  `${version}:${packRows(fw, rows)}`;

/**
 * The packed leaves of an item's (or index item's) `pts` when they are exact: a string of this
 * framework's shape tagged with the item's own version. Anything else — absent, stale (another writer
 * landed between the state it was computed from and its write), from before summaries or of another
 * shape — is undefined: not a summary this code reads.
 */
export function freshPoints(item: Record<string, unknown>, fw: Framework): string | undefined {
  const p = item[POINTS];
  if (typeof p !== 'string') return undefined;
  const colon = p.indexOf(':');
  if (colon < 1 || p.length - colon - 1 !== fw.leaves.length * LEAF_WIDTH) return undefined;
  if (p.slice(0, colon) !== String(item.version)) return undefined;
  return p.slice(colon + 1);
}

const DASH = '-'.charCodeAt(0);
const TILDE = '~'.charCodeAt(0);
/** One base-36 digit's value from its char code (0-9, a-z). */
const digit = (c: number) => (c <= 57 ? c - 48 : c - 87);

/** The packed leaves as arrays in `fw.leaves` order (what scoring reads; see shared/assessment.ts LeafScores). */
export function unpackLeaves(fw: Framework, packed: string): LeafScores {
  const n = fw.leaves.length;
  const out: LeafScores = {
    self: new Array<number>(n).fill(-1),
    appraised: new Array<number>(n).fill(-1),
    notApplicable: new Array<number>(n).fill(0),
  };
  for (let i = 0, at = 0; i < n && at < packed.length; i++, at += LEAF_WIDTH) {
    const s0 = packed.charCodeAt(at);
    if (s0 === TILDE) out.notApplicable[i] = 1;
    else if (s0 !== DASH) out.self[i] = digit(s0) * 36 + digit(packed.charCodeAt(at + 1));
    const a0 = packed.charCodeAt(at + WIDTH);
    if (a0 !== DASH) out.appraised[i] = digit(a0) * 36 + digit(packed.charCodeAt(at + WIDTH + 1));
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

/** The rows of packed leaves. */
export const unpackRows = (fw: Framework, packed: string) => rowsOfLeaves(fw, unpackLeaves(fw, packed));

/** The index keys of an assessment's summary. */
export const summaryKeyOf = (a: { cycleId: string; districtId: string; unitId: string }) => ({
  [SUMMARY_KEYS.pk]: summaryPk(a.cycleId, a.districtId),
  [SUMMARY_KEYS.sk]: a.unitId,
});

/**
 * What an assessment item at `version` carries for its summary beside its own fields: the packed points
 * of its rows (every row: a state read for some rows carries the others' points) and the index keys.
 */
export const summaryAttributes = (
  a: { cycleId: string; districtId: string; unitId: string; frameworkId: string; rows: Record<string, ScoreRow> },
  version: number,
) => ({
  [POINTS]: packSummary(summaryFramework(a.frameworkId), a.rows, version),
  ...summaryKeyOf(a),
});

/**
 * The whole summary as an update's SET clause (placeholders `#P`/`#GP`/`#GS`, `:P`/`:GP`/`:GS`): in
 * every change's own write (updates.ts), and on its own (`writeSummary`).
 */
export function summarySet(a: Parameters<typeof summaryAttributes>[0], version: number) {
  const attrs = summaryAttributes(a, version);
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
  const packed = freshPoints(item, fw);
  if (packed === undefined) return undefined;
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
      // A stale summary, or one of another shape, is left out: the reader treats it as missing and rewrites it.
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
 * parallel. A commune whose summary is stale or missing from the index (an item written before
 * summaries existed, or one the index has not caught up with yet in AWS) is read from its item, which
 * also gets its summary written, so that the next read finds it. Ordered as the items are (appraising
 * unit, then unit id).
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

/** Writes the summary of an item read whole, on the version that was read (a newer writer writes its own). */
export async function writeSummary(t: Table, a: Assessment): Promise<void> {
  const summary = summarySet(a, a.version);
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
