/**
 * Assessments: one item each, changed by `update` in two writes side by side — the item (carrying the
 * change's audit entries as `lastChange`, and its summary), and the records of the changes before it
 * (audit.ts). When another writer changed the same rows
 * or the status first, `decide` runs again on the newer state and either merges or throws StaleVersion.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Assessment, Change } from '../../../shared/assessment.js';
import { NotFound, StaleVersion } from '../../../shared/errors.js';
import type { AuditEntry } from '../../../shared/schemas.js';
import { writeAudit, type ChangeRecord } from './audit.js';
import { assessmentKey, assessmentPrefix, cyclePk } from './keys.js';
import { fromItem, getForRows, getItem, toItem, type StoredAssessment } from './items.js';
import { isConditionFailure, queryPrefix, type Table } from './table.js';
import { summaryAttributes } from './summaries.js';
import { carriedRecords, ROWS_PER_UPDATE, writeChange } from './updates.js';

/** Creates an assessment at version 0 unless it exists; its creation is the first audit record. */
export async function createAssessmentIfAbsent(t: Table, a: Assessment, audit: AuditEntry[]): Promise<void> {
  // A new assessment has no rows; the demo seed's finished ones do, their revisions at their version.
  const item = Object.keys(a.rows).length
    ? toItem({ ...a, rows: {} }, a, Object.keys(a.rows), a.version, audit)
    : { ...assessmentKey(a), ...a, lastChange: audit, ...summaryAttributes(a, a.version) };
  try {
    await t.db.send(
      new PutCommand({
        TableName: t.table,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return;
  }
  await writeAudit(t, a.cycleId, a.unitId, [{ version: a.version, audit }]);
}

export async function getAssessment(
  t: Table,
  cycleId: string,
  districtId: string,
  unitId: string,
): Promise<StoredAssessment | undefined> {
  return getItem(t, { cycleId, districtId, unitId });
}

/** Every assessment of a cycle, or of one district of it. */
export async function listAssessments(t: Table, cycleId: string, districtId?: string): Promise<Assessment[]> {
  return (await queryPrefix(t, cyclePk(cycleId), assessmentPrefix(districtId))).map(fromItem);
}

/** Give up on a contended assessment after this long (the caller answers 409 and the user retries). */
const CONTENTION_LIMIT_MS = 10_000;

/**
 * Reads, decides, writes: the read, then the conditional write of the item (carrying this change's audit
 * entries as `lastChange`, the ones before as `priorChange`, and the summary) beside the records of the
 * changes the item carried. This change's own record is written by the next writer the same way; until
 * then the audit read takes it from the item. A record whose write fails stays in the item for one more
 * change, so no single failure loses an entry.
 * `hooks.afterApply` (failure-injection tests) is read at the moment it would run: after the item's write.
 */
export async function updateAssessment(
  t: Table,
  cycleId: string,
  districtId: string,
  unitId: string,
  decide: (current: Assessment) => Change,
  hooks?: { readonly afterApply?: ((a: Assessment) => Promise<void>) | undefined },
  rows?: readonly string[],
): Promise<Change> {
  // A change of a few named rows reads only those (and every row's points from the summary).
  const read = () =>
    rows && rows.length > 0 && rows.length <= ROWS_PER_UPDATE
      ? getForRows(t, { cycleId, districtId, unitId }, rows)
      : getAssessment(t, cycleId, districtId, unitId);
  const started = Date.now();
  let recorded = -1;
  const unrecorded = (records: ChangeRecord[]) => records.filter((c) => c.version > recorded);
  for (let attempt = 0; ; attempt++) {
    const current = await read();
    if (!current) throw new NotFound('Đơn vị này chưa có hồ sơ trong kỳ đánh giá.');
    const change = decide(current);
    if (change.next === current) return change;
    // The records of the changes the item carries go beside this write, not after it: one round trip
    // after the read. Both are awaited, so that no answer leaves before the write has landed.
    const carried = unrecorded(carriedRecords(current));
    const [write, audit] = await Promise.allSettled([
      writeChange(t, current, change),
      carried.length ? writeAudit(t, cycleId, unitId, carried) : undefined,
    ]);
    if (audit.status === 'fulfilled') recorded = Math.max(recorded, ...carried.map((c) => c.version));
    if (write.status === 'rejected') throw write.reason;
    const written = write.value;
    if (written) {
      if (hooks?.afterApply) await hooks.afterApply(written.next);
      // Writers of other rows slipped in between the read and the write: their records too.
      const missed = unrecorded(written.previous).filter((c) => !carried.some((x) => x.version === c.version));
      if (missed.length) await writeAudit(t, cycleId, unitId, missed);
      if (audit.status === 'rejected') throw audit.reason;
      return { next: written.next, audit: change.audit };
    }
    if (audit.status === 'rejected') throw audit.reason;
    if (Date.now() - started > CONTENTION_LIMIT_MS)
      throw new StaleVersion('Hồ sơ đang được nhiều người cập nhật cùng lúc; vui lòng thử lại.');
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 + attempt * 2)));
  }
}
