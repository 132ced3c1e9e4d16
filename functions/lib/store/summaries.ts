/**
 * Compact summaries (keys.ts): each assessment item carries its rows' points packed twice, and the keys
 * of the `summaries` index, all set in the same conditional write as the rest of the item:
 * - `pl`, a list of one element a leaf, which a write of some rows changes element by element
 *   (`pl[i]`), so writers of different rows never block each other (as the rows' own revisions let
 *   them); it is the exact points of the item, always, and never leaves the table;
 * - `pts`, the same points in one string tagged with the version they are of, with the framework and
 *   the head fields (keys.ts SUMMARY_HEAD), which the index projects with `version` alone (about 0.7 KB
 *   a commune: a 119-element list, or a dozen attributes, cost a query far more than their
 *   characters). Every write sets it from the state it decided on, tagged with the version it makes. A
 *   write of some rows may land after another writer's (it is conditioned on its rows only); then its
 *   tag is behind the item's version and the writer writes `pts` again from `pl`. A summary whose tag
 *   is not its item's version is never read as figures: the reader reads the item and writes it again.
 * The consolidated view, the rankings, the public results and the spreadsheets read the index, never
 * the 14 KB items. Totals, indexes and classes are computed from it by shared/scoring.ts, the same
 * function that computes them everywhere else.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  scoringKeyOf,
  totalsOf,
  type Assessment,
  type AssessmentFigures,
  type LeafScores,
  type ScoreRow,
} from '../../../shared/assessment.js';
import type { Framework } from '../../../shared/framework.js';
import { frameworkOfSummaryId, getFramework, summaryIdOf } from '../../../shared/framework-registry.js';
import type { SetUnitKind } from '../../../shared/frameworks/model.js';
import { assessmentKey, LEAF_POINTS, POINTS, SUMMARY_HEAD, SUMMARY_INDEX, SUMMARY_KEYS, summaryPk } from './keys.js';
import { isConditionFailure, type Table } from './table.js';
import { beforeAnswer } from '../invocation.js';

/**
 * The points are packed leaf by leaf in the framework's leaf order, four characters a leaf — its self
 * and appraised hundredths, two base-36 digits each (0–1295; a leaf's maximum is far below), `--`
 * unscored, `~~` in the self place when not applicable. `pl` holds one leaf an element; `pts` is
 * `<version>:<framework id>:<every leaf><head>`, the head being the JSON array of SUMMARY_HEAD's values
 * (null for absent).
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
export const summaryFramework = (id: string, kind?: SetUnitKind): Framework => {
  const fw = getFramework(id, kind);
  if (!fw) throw new Error(`unknown framework ${id}`);
  return fw;
};

/** One leaf packed. */
export const packLeaf = (r: ScoreRow | undefined): string =>
  r ? (r.notApplicable ? NA : digits(r.self)) + digits(r.appraised) : EMPTY;

/** Every leaf packed, in the framework's leaf order, one an element (`pl`). */
export const packList = (fw: Framework, rows: Readonly<Record<string, ScoreRow | undefined>>): string[] =>
  fw.leaves.map((l) => packLeaf(rows[l.code]));

/** Every leaf packed, in the framework's leaf order, in one string. */
export const packRows = (fw: Framework, rows: Readonly<Record<string, ScoreRow | undefined>>): string =>
  packList(fw, rows).join('');

/** What a summary is packed from: an assessment's keys, framework, head fields and rows. */
export type SummarySource = { cycleId: string; districtId: string; unitId: string; frameworkId: string } & {
  readonly [K in (typeof SUMMARY_HEAD)[number]]?: unknown;
};

/** `pts` from the framework, the packed leaves and the head fields, tagged with the version they are of. */
const packWith = (fw: Framework, leaves: string, head: SummarySource, version: number) =>
  `${version}:${summaryIdOf(fw)}:${leaves}${JSON.stringify(SUMMARY_HEAD.map((f) => head[f] ?? null))}`;

/** The summary as the index holds it (`pts`): the head fields and the rows packed, tagged with the version they are of. */
export const packSummary = (
  fw: Framework,
  a: SummarySource & { rows: Readonly<Record<string, ScoreRow | undefined>> },
  version: number,
) => packWith(fw, packRows(fw, a.rows), a, version);

/** A summary read back: its framework, its packed leaves and its head fields (absent ones left out). */
export interface PackedSummary {
  fw: Framework;
  leaves: string;
  head: Record<string, unknown>;
}

/**
 * An item's (or index item's) `pts` read back when it is exact: a string of a known framework's shape
 * tagged with the item's own version. Anything else — absent, stale (another writer landed between the
 * state it was computed from and its write), from before this shape or of another — is undefined: not
 * a summary this code reads.
 */
export function readSummary(item: Record<string, unknown>): PackedSummary | undefined {
  const parsed = parseSummary(item);
  if (!parsed) return undefined;
  const head: Record<string, unknown> = {};
  SUMMARY_HEAD.forEach((f, i) => {
    if (parsed.values[i] !== null) head[f] = parsed.values[i];
  });
  return { fw: parsed.fw, leaves: parsed.leaves, head };
}

/** `readSummary`'s parse: the head as SUMMARY_HEAD's values, in order. */
function parseSummary(item: Record<string, unknown>): { fw: Framework; leaves: string; values: unknown[] } | undefined {
  const p = item[POINTS];
  if (typeof p !== 'string') return undefined;
  const colon = p.indexOf(':');
  if (colon < 1 || p.slice(0, colon) !== String(item.version)) return undefined;
  const second = p.indexOf(':', colon + 1);
  const fw = second > colon ? frameworkOfSummaryId(p.slice(colon + 1, second)) : undefined;
  if (!fw) return undefined;
  const end = second + 1 + fw.leaves.length * LEAF_WIDTH;
  if (p.charCodeAt(end) !== BRACKET) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(p.slice(end));
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== SUMMARY_HEAD.length) return undefined;
  return { fw, leaves: p.slice(second + 1, end), values };
}

/** The position of each leaf in the packed list (cached per framework). */
const positions = new WeakMap<Framework, Map<string, number>>();
export function leafIndex(fw: Framework, code: string): number | undefined {
  let m = positions.get(fw);
  if (!m) positions.set(fw, (m = new Map(fw.leaves.map((l, i) => [l.code, i]))));
  return m.get(code);
}

const DASH = '-'.charCodeAt(0);
const TILDE = '~'.charCodeAt(0);
const BRACKET = '['.charCodeAt(0);
/** One base-36 digit's value from its char code (0-9, a-z). */
const digit = (c: number) => (c <= 57 ? c - 48 : c - 87);

/**
 * The packed leaves decoded into `buf` from `at` (each leaf's self hundredths, then appraised, then its
 * not-applicable mark; `fw.leaves.length` each), answered as views of it in `fw.leaves` order (what
 * scoring reads; see shared/assessment.ts LeafScores). A page of summaries shares one buffer: no
 * per-summary arrays for the collector to move.
 */
function unpackInto(fw: Framework, packed: string, buf: Int16Array, at: number): LeafScores {
  const n = fw.leaves.length;
  const self = buf.subarray(at, at + n);
  const appraised = buf.subarray(at + n, at + 2 * n);
  const notApplicable = buf.subarray(at + 2 * n, at + 3 * n);
  self.fill(-1);
  appraised.fill(-1);
  notApplicable.fill(0);
  for (let i = 0, c = 0; i < n && c < packed.length; i++, c += LEAF_WIDTH) {
    const s0 = packed.charCodeAt(c);
    if (s0 === TILDE) notApplicable[i] = 1;
    else if (s0 !== DASH) self[i] = digit(s0) * 36 + digit(packed.charCodeAt(c + 1));
    const a0 = packed.charCodeAt(c + WIDTH);
    if (a0 !== DASH) appraised[i] = digit(a0) * 36 + digit(packed.charCodeAt(c + WIDTH + 1));
  }
  return { self, appraised, notApplicable };
}

/** Room for this many summaries' decoded leaves (`unpackInto`). */
const leafBuffer = (fw: Framework, count: number) => new Int16Array(3 * fw.leaves.length * count);

/** The packed leaves as arrays in `fw.leaves` order (see `unpackInto`). */
export const unpackLeaves = (fw: Framework, packed: string): LeafScores => unpackInto(fw, packed, leafBuffer(fw, 1), 0);

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

/** The rows of packed leaves (one string, or `pl`'s list). */
export const unpackRows = (fw: Framework, packed: string | readonly string[]) =>
  rowsOfLeaves(fw, unpackLeaves(fw, typeof packed === 'string' ? packed : packed.join('')));

/** Decoded leaves of a page of summaries, per framework: one buffer for the page, filled in turn. */
class LeafPages {
  readonly #free = new Map<Framework, { buf: Int16Array; next: number }>();
  constructor(readonly count: number) {}
  take(fw: Framework, packed: string): LeafScores {
    let page = this.#free.get(fw);
    if (!page || page.next >= page.buf.length) this.#free.set(fw, (page = { buf: leafBuffer(fw, this.count), next: 0 }));
    const at = page.next;
    page.next += 3 * fw.leaves.length;
    return unpackInto(fw, packed, page.buf, at);
  }
}

/** Whether an item's `pl` is a list this code reads (absent, from before it, or of another shape: none). */
export const isPacked = (pl: unknown, fw: Framework): pl is string[] =>
  Array.isArray(pl) && pl.length === fw.leaves.length && pl.every((p) => typeof p === 'string' && p.length === LEAF_WIDTH);

/** The index keys of an assessment's summary. */
export const summaryKeyOf = (a: { cycleId: string; districtId: string; unitId: string }) => ({
  [SUMMARY_KEYS.pk]: summaryPk(a.cycleId, a.districtId),
  [SUMMARY_KEYS.sk]: a.unitId,
});

/**
 * What an assessment item at `version` carries for its summary beside its own fields: the packed points
 * of its rows both ways (every row: a state read for some rows carries the others' points) and the index keys.
 */
export const summaryAttributes = (a: SummarySource & { rows: Record<string, ScoreRow> }, version: number) => {
  const fw = summaryFramework(a.frameworkId, a.unitKind as SetUnitKind | undefined);
  return { [LEAF_POINTS]: packList(fw, a.rows), [POINTS]: packSummary(fw, a, version), ...summaryKeyOf(a) };
};

/**
 * The whole summary as an update's SET clause (placeholders `#PL`/`#P`/`#GP`/`#GS`, `:PL`/`:P`/`:GP`/`:GS`):
 * for an item that has none yet, in a change's own write (updates.ts) or on its own (`writeSummary`).
 */
export function summarySet(a: Parameters<typeof summaryAttributes>[0], version: number) {
  const attrs = summaryAttributes(a, version);
  return {
    clauses: ['#PL = :PL', '#P = :P', '#GP = :GP', '#GS = :GS'],
    names: { '#PL': LEAF_POINTS, '#P': POINTS, '#GP': SUMMARY_KEYS.pk, '#GS': SUMMARY_KEYS.sk },
    values: {
      ':PL': attrs[LEAF_POINTS],
      ':P': attrs[POINTS],
      ':GP': attrs[SUMMARY_KEYS.pk],
      ':GS': attrs[SUMMARY_KEYS.sk],
    },
  };
}

/**
 * One summary as read: the head fields as its own fields (in SUMMARY_HEAD's order, so that 10,000 of
 * them share one shape), its rows' points decoded (into a page's buffer, or arrays of its own) and both
 * sides scored at once (the same totalsOf as everywhere); the rows by code only if someone reads them.
 */
class Summary {
  readonly frameworkId: string;
  readonly version: unknown;
  readonly #fw: Framework;
  readonly #leaves: LeafScores;
  readonly #totals: NonNullable<AssessmentFigures['totals']>;
  #rows: Record<string, ScoreRow> | undefined;

  constructor(fw: Framework, values: readonly unknown[], version: unknown, leaves: LeafScores) {
    const self = this as unknown as Record<string, unknown>;
    for (let i = 0; i < SUMMARY_HEAD.length; i++) self[SUMMARY_HEAD[i]!] = values[i] ?? undefined;
    this.frameworkId = fw.id;
    this.version = version;
    this.#fw = fw;
    this.#leaves = leaves;
    this.#totals = { frameworkId: scoringKeyOf(fw), ...totalsOf(fw, this as unknown as AssessmentFigures) };
  }
  get leafScores(): LeafScores {
    return this.#leaves;
  }
  get totals() {
    return this.#totals;
  }
  get rows(): Record<string, ScoreRow> {
    return (this.#rows ??= rowsOfLeaves(this.#fw, this.#leaves));
  }
}

/** The figures of an index item (see Summary); undefined if it is not an exact summary (`readSummary`). */
export function fromSummary(item: Record<string, unknown>, pages = new LeafPages(1)): AssessmentFigures | undefined {
  const read = parseSummary(item);
  if (!read) return undefined;
  return new Summary(read.fw, read.values, item.version, pages.take(read.fw, read.leaves)) as unknown as AssessmentFigures;
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
    const items = r.Items ?? [];
    const pages = new LeafPages(items.length);
    for (const item of items) {
      // A stale summary, or one of another shape, is left out: the reader treats it as missing and rewrites it.
      const f = fromSummary(item, pages);
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
 * summaries existed, a writer stopped before it wrote `pts` again, or one the index has not caught up
 * with yet in AWS) is read from its item, which also gets its summary written, so that the next read
 * finds it. Ordered as the items are (appraising unit, then unit id).
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
  const repairs: Promise<void>[] = [];
  for (let i = 0; i < missing.length; i += REPAIR_CONCURRENCY) {
    const read = await Promise.all(
      missing.slice(i, i + REPAIR_CONCURRENCY).map(async (c): Promise<AssessmentFigures | undefined> => {
        const key = { cycleId, districtId: c.districtId, unitId: c.id };
        // A stale `pts` (a writer is still writing it again, or stopped before it could): built from
        // the item's `pl` (1.5 KB) and written back; the answer does not wait on that write.
        const points = await readPoints(t, key);
        if (points) {
          repairs.push(beforeAnswer(writePoints(t, key, points)));
          return fromSummary(points);
        }
        // An item from before summaries: read whole, and its whole summary written.
        const a = await readItem(c.districtId, c.id);
        if (a) await writeSummary(t, a);
        return a;
      }),
    );
    for (const a of read) if (a) found.push(a);
  }
  await Promise.all(repairs);
  return found.sort((x, y) =>
    x.districtId !== y.districtId
      ? x.districtId < y.districtId
        ? -1
        : 1
      : x.unitId < y.unitId
        ? -1
        : x.unitId > y.unitId
          ? 1
          : 0,
  );
}

/** Writes the whole summary of an item read whole, on the version that was read (a newer writer writes its own). */
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

/** The attributes `pts` is built from: a projected read of about 1.5 KB, not the 14 KB item. */
const POINT_SOURCES = ['version', 'frameworkId', LEAF_POINTS, ...SUMMARY_HEAD];

/** The item's `pts` as its `pl` and head make it (consistent read), or undefined if it has no `pl`. */
export async function readPoints(
  t: Table,
  key: { cycleId: string; districtId: string; unitId: string },
): Promise<{ version: number; pts: string } | undefined> {
  const r = await t.db.send(
    new GetCommand({
      TableName: t.table,
      Key: assessmentKey(key),
      ConsistentRead: true,
      ProjectionExpression: POINT_SOURCES.map((_, i) => `#f${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(POINT_SOURCES.map((f, i) => [`#f${i}`, f])),
    }),
  );
  return r.Item ? pointsFrom(key, r.Item) : undefined;
}

/** `pts` built from an item read with (at least) POINT_SOURCES; undefined without a packed `pl`. */
export function pointsFrom(
  key: { cycleId: string; districtId: string; unitId: string },
  item: Record<string, unknown>,
): { version: number; pts: string } | undefined {
  const fw = getFramework(item.frameworkId as string, item.unitKind as SetUnitKind | undefined);
  if (!fw || !isPacked(item[LEAF_POINTS], fw)) return undefined;
  const version = item.version as number;
  const head = { ...key, ...item, frameworkId: fw.id } as SummarySource;
  return { version, pts: packWith(fw, (item[LEAF_POINTS] as string[]).join(''), head, version) };
}

/** Writes `pts` on the version it was built for; a newer writer's stands (the condition fails, quietly). */
export async function writePoints(
  t: Table,
  key: { cycleId: string; districtId: string; unitId: string },
  points: { version: number; pts: string },
): Promise<void> {
  try {
    await t.db.send(
      new UpdateCommand({
        TableName: t.table,
        Key: assessmentKey(key),
        UpdateExpression: 'SET #P = :P',
        ConditionExpression: '#V = :v',
        ExpressionAttributeNames: { '#V': 'version', '#P': POINTS },
        ExpressionAttributeValues: { ':v': points.version, ':P': points.pts },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
