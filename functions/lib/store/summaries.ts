/**
 * Compact summaries (keys.ts): each assessment item carries its rows' points packed into one small map
 * (`pts`) and the keys of the `summaries` index, set in the same conditional write as the rest of the
 * item, so the two can never disagree. The index projects the head fields and `pts` only (about 1 KB a
 * commune): the consolidated view, the rankings, the public results and the spreadsheets read those,
 * never the 14 KB items. Totals, indexes and classes are computed from them by shared/scoring.ts, the
 * same function that computes them everywhere else.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Assessment, AssessmentFigures, ScoreRow } from '../../../shared/assessment.js';
import { assessmentKey, POINTS, SUMMARY_FIELDS, SUMMARY_INDEX, SUMMARY_KEYS, summaryPk } from './keys.js';
import { isConditionFailure, type Table } from './table.js';

const NA = '~';
const hundredths = (v: number | null | undefined) => (v === undefined || v === null ? '' : String(v));

/** One row's points: `~` when not applicable, then its self and appraised hundredths, `|` between (empty: unscored). */
export function packRow(r: ScoreRow): string {
  return `${r.notApplicable ? NA : ''}${hundredths(r.self)}|${hundredths(r.appraised)}`;
}

export function unpackRow(packed: string): ScoreRow {
  const na = packed.startsWith(NA);
  const [self = '', appraised = ''] = (na ? packed.slice(1) : packed).split('|');
  const row: ScoreRow = {};
  if (na) row.notApplicable = true;
  if (self !== '') row.self = Number(self);
  if (appraised !== '') row.appraised = Number(appraised);
  return row;
}

export const packRows = (rows: Readonly<Record<string, ScoreRow>>): Record<string, string> =>
  Object.fromEntries(Object.entries(rows).map(([code, r]) => [code, packRow(r)]));

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
  rows: Record<string, ScoreRow>;
}) => ({
  [POINTS]: packRows(a.rows),
  ...summaryKeyOf(a),
});

/** The figures of an index item: the head fields, the rows' points unpacked. */
export function fromSummary(item: Record<string, unknown>): AssessmentFigures {
  const out: Record<string, unknown> = {};
  for (const f of SUMMARY_FIELDS) if (f !== POINTS && item[f] !== undefined) out[f] = item[f];
  const rows: Record<string, ScoreRow> = {};
  for (const [code, packed] of Object.entries((item[POINTS] as Record<string, string>) ?? {})) rows[code] = unpackRow(packed);
  out.rows = rows;
  return out as unknown as AssessmentFigures;
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
    for (const item of r.Items ?? []) out.push(fromSummary(item));
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
  const attrs = summaryAttributes(a);
  try {
    await t.db.send(
      new UpdateCommand({
        TableName: t.table,
        Key: assessmentKey(a),
        UpdateExpression: 'SET #P = :P, #GP = :GP, #GS = :GS',
        ConditionExpression: '#V = :v',
        ExpressionAttributeNames: { '#P': POINTS, '#GP': SUMMARY_KEYS.pk, '#GS': SUMMARY_KEYS.sk, '#V': 'version' },
        ExpressionAttributeValues: {
          ':P': attrs[POINTS],
          ':GP': attrs[SUMMARY_KEYS.pk],
          ':GS': attrs[SUMMARY_KEYS.sk],
          ':v': a.version,
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
