/**
 * One change to an assessment as one conditional write, and the state that write produced.
 *
 * A change of a few rows is one UpdateItem conditioned on those rows alone (each row's `r:` revision is
 * what was read), so writers of different rows never wait for one another; a status step or a change of
 * many rows is conditioned on the whole item's version. The rows' revisions are set to the new version
 * inside the same update (`version + 1`), so they are exact however many writers race. Every write also
 * holds only in the lifecycle state it was decided in (no edits slip past a submit).
 */
import { PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Assessment, Change } from '../../../shared/assessment.js';
import type { AuditEntry } from '../../../shared/schemas.js';
import type { ChangeRecord } from './audit.js';
import { assessmentKey, LEAF_POINTS, POINTS, REV } from './keys.js';
import {
  getForRows,
  getItem,
  hasSummary,
  pointsOfRead,
  readForRows,
  revisionsOf,
  toItem,
  type StoredAssessment,
} from './items.js';
import { leafIndex, packLeaf, packSummary, summaryFramework, summarySet, writePoints } from './summaries.js';
import { isConditionFailure, type Table } from './table.js';

/** Above this many rows a change is conditioned on the whole item (expressions are limited to 4 KB). */
export const ROWS_PER_UPDATE = 24;

/** Fields the store itself maintains; the others are compared between the state read and the change. */
const OWN_FIELDS = ['rows', 'version', 'updatedAt', 'lastChange', 'priorChange'];

/** The rows a change touches: those whose object is not the one that was read. */
export const changedRows = (current: Assessment, change: Change) =>
  Object.keys(change.next.rows).filter((c) => change.next.rows[c] !== current.rows[c]);

/** The top-level fields (other than the store's own) whose value the change alters. */
function changedFields(current: Assessment, next: Assessment): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (OWN_FIELDS.includes(key)) continue;
    const a = (current as unknown as Record<string, unknown>)[key];
    const b = (next as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(key);
  }
  return out;
}

/** The UpdateItem of a change of at most ROWS_PER_UPDATE rows, conditioned on what `current` was read as. */
export function updateInput(table: string, current: Assessment, change: Change): UpdateCommandInput {
  const next = change.next;
  const rows = changedRows(current, change);
  const names: Record<string, string> = {
    '#V': 'version',
    '#U': 'updatedAt',
    '#L': 'lastChange',
    ...(rows.length ? { '#R': 'rows' } : {}),
  };
  const values: Record<string, unknown> = { ':o': 1, ':u': next.updatedAt, ':l': change.audit };
  // The entries of the change before move to `priorChange` (their record may not be written yet).
  names['#PC'] = 'priorChange';
  values[':none'] = [];
  const set = ['#V = #V + :o', '#U = :u', '#PC = if_not_exists(#L, :none)', '#L = :l'];
  const remove: string[] = [];
  names['#S'] = 'status';
  names['#X'] = 'selfLocked';
  values[':s'] = current.status;
  values[':x'] = current.selfLocked;
  const conditions = ['attribute_exists(pk)', '#S = :s', '#X = :x'];
  const seen = revisionsOf(current);
  // An item from before summaries gets its whole summary now, on the version that was read.
  const summarised = hasSummary(current);
  // The changed rows' packed points, in the same write (summaries.ts): their elements of `pl`, and all
  // of `pts` as this change makes the state read, tagged with the version it makes (exact unless another
  // writer lands in between; then the tag is behind and `writeChange` writes it again).
  if (summarised) {
    const fw = summaryFramework(current.frameworkId, current.unitKind);
    if (rows.length) names['#PL'] = LEAF_POINTS;
    rows.forEach((code, i) => {
      values[`:p${i}`] = packLeaf(next.rows[code]);
      set.push(`#PL[${leafIndex(fw, code)!}] = :p${i}`);
    });
    names['#P'] = POINTS;
    values[':P'] = packSummary(fw, next, current.version + 1);
    set.push('#P = :P');
  } else {
    const summary = summarySet(next, current.version + 1);
    Object.assign(names, summary.names);
    Object.assign(values, summary.values);
    set.push(...summary.clauses);
  }
  rows.forEach((code, i) => {
    const before = current.rows[code] ?? {};
    const after = next.rows[code]!;
    const { selfRev: _s, appraisalRev: _a, ...row } = after;
    names[`#k${i}`] = code;
    names[`#g${i}`] = `${REV.any}${code}`;
    values[`:w${i}`] = row;
    set.push(`#R.#k${i} = :w${i}`, `#g${i} = #V + :o`);

    if (after.selfRev !== before.selfRev) {
      names[`#s${i}`] = `${REV.self}${code}`;
      set.push(`#s${i} = #V + :o`);
    }
    if (after.appraisalRev !== before.appraisalRev) {
      names[`#a${i}`] = `${REV.appraisal}${code}`;
      set.push(`#a${i} = #V + :o`);
    }
    if (seen[code] === undefined) conditions.push(`attribute_not_exists(#g${i})`);
    else {
      values[`:q${i}`] = seen[code];
      conditions.push(`#g${i} = :q${i}`);
    }
  });
  const fields = changedFields(current, next);
  fields.forEach((key, t) => {
    const b = (next as unknown as Record<string, unknown>)[key];
    names[`#t${t}`] = key;
    if (b === undefined) remove.push(`#t${t}`);
    else {
      values[`:t${t}`] = b;
      set.push(`#t${t} = :t${t}`);
    }
  });
  // A status step, a deadline, a return reason, a whole new summary: only on the version that was read.
  if (fields.length > 0 || !summarised) {
    values[':v'] = current.version;
    conditions.push('#V = :v');
  }
  return {
    TableName: table,
    Key: assessmentKey(current),
    UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    // Only what the write changed, as it was: the version (whether anyone wrote since the read) and the
    // previous change's audit entries (for its record), never the whole 14 KB item.
    ReturnValues: 'UPDATED_OLD',
  };
}

/** What a written change produced: the new state and the previous version's audit entries (for its record). */
export interface Written {
  next: Assessment;
  /** The records of the item's changes as the write found it (its `lastChange` and `priorChange`). */
  previous: ChangeRecord[];
}

/** The change records an item carries (keys.ts): its last change's entries and the ones before. */
export const carriedRecords = (old: { version: number; lastChange?: AuditEntry[]; priorChange?: AuditEntry[] }) => [
  ...(old.priorChange?.length ? [{ version: old.version - 1, audit: old.priorChange }] : []),
  ...(old.lastChange ? [{ version: old.version, audit: old.lastChange }] : []),
];

/** One conditional write of the change; undefined if its condition failed (another writer got there first). */
export async function writeChange(t: Table, current: StoredAssessment, change: Change): Promise<Written | undefined> {
  const rows = changedRows(current, change);
  // A state read for some rows only is written back as a change of those rows, never whole.
  const only = readForRows(current);
  if (only && (rows.length > ROWS_PER_UPDATE || rows.some((c) => !only.has(c))))
    throw new Error('a state read for some rows cannot be written as a change of others');
  try {
    if (rows.length > ROWS_PER_UPDATE) {
      // Many rows: the whole item, on the version that was read (no 4 KB expression limit).
      const item = toItem(current, change.next, rows, current.version + 1, change.audit);
      await t.db.send(
        new PutCommand({
          TableName: t.table,
          Item: item,
          ConditionExpression: '#V = :v AND #S = :s AND #X = :x',
          ExpressionAttributeNames: { '#V': 'version', '#S': 'status', '#X': 'selfLocked' },
          ExpressionAttributeValues: { ':v': current.version, ':s': current.status, ':x': current.selfLocked },
        }),
      );
      return { next: applyWrite(current, current, change), previous: carriedRecords(current) };
    }
    const r = await t.db.send(new UpdateCommand(updateInput(t.table, current, change)));
    const old = r.Attributes as { version: number; lastChange?: AuditEntry[] };
    if (old.version === current.version) return { next: applyWrite(current, current, change), previous: carriedRecords(current) };
    // Writers of other rows got in between the read and this write: the state is read back (as much of
    // it as was read, `pl` and the head always), and `pts`, which this write computed without their
    // rows, is written again from what was read back, on its version (a failure here leaves it stale,
    // which no reader takes for figures; a newer writer's `pts` stands).
    const stored = only ? await getForRows(t, current, rows) : await getItem(t, current);
    const points = stored && pointsOfRead(stored);
    if (points) await writePoints(t, current, points).catch(() => undefined);
    return { next: stored ?? applyWrite(current, current, change), previous: carriedRecords(old) };
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/** The state a write produced: the item as it was (`old`) with the change's rows and fields, at version + 1. */
export function applyWrite(old: StoredAssessment, current: Assessment, change: Change): Assessment {
  const next = change.next;
  const version = old.version + 1;
  const rows = { ...old.rows };
  for (const code of Object.keys(next.rows)) {
    if (next.rows[code] === current.rows[code]) continue;
    const before = current.rows[code] ?? {};
    const after = next.rows[code]!;
    rows[code] = {
      ...after,
      selfRev: after.selfRev !== before.selfRev ? version : old.rows[code]?.selfRev,
      appraisalRev: after.appraisalRev !== before.appraisalRev ? version : old.rows[code]?.appraisalRev,
    };
    if (rows[code]!.selfRev === undefined) delete rows[code]!.selfRev;
    if (rows[code]!.appraisalRev === undefined) delete rows[code]!.appraisalRev;
  }
  const { lastChange: _l, priorChange: _p, ...base } = old;
  const fields: Record<string, unknown> = { ...base };
  for (const key of changedFields(current, next)) {
    const b = (next as unknown as Record<string, unknown>)[key];
    if (b === undefined) delete fields[key];
    else fields[key] = b;
  }
  return { ...(fields as unknown as Assessment), rows, version, updatedAt: next.updatedAt };
}
