/**
 * Assessments: one item each, changed by `update` in two writes — the item (carrying the change's audit
 * entries as `lastChange`), then the change record (audit.ts). When another writer changed the same rows
 * or the status first, `decide` runs again on the newer state and either merges or throws StaleVersion.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Assessment, Change } from '../../../shared/assessment.js';
import { NotFound, StaleVersion } from '../../../shared/errors.js';
import type { AuditEntry } from '../../../shared/schemas.js';
import { recordsAfter, writeAudit } from './audit.js';
import { assessmentKey, assessmentPrefix, cyclePk } from './keys.js';
import { fromItem, toItem } from './items.js';
import { isConditionFailure, queryPrefix, type Table } from './table.js';
import { applyWrite, writeChange } from './updates.js';

/** Creates an assessment at version 0 unless it exists; its creation is the first audit record. */
export async function createAssessmentIfAbsent(t: Table, a: Assessment, audit: AuditEntry[]): Promise<void> {
  // A new assessment has no rows; the demo seed's finished ones do, their revisions at their version.
  const item = Object.keys(a.rows).length
    ? toItem({ ...a, rows: {} }, a, Object.keys(a.rows), a.version, audit)
    : { ...assessmentKey(a), ...a, lastChange: audit };
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
): Promise<Assessment | undefined> {
  const r = await t.db.send(
    new GetCommand({ TableName: t.table, Key: assessmentKey({ cycleId, districtId, unitId }), ConsistentRead: true }),
  );
  return r.Item ? fromItem(r.Item) : undefined;
}

/** Every assessment of a cycle, or of one district of it. */
export async function listAssessments(t: Table, cycleId: string, districtId?: string): Promise<Assessment[]> {
  return (await queryPrefix(t, cyclePk(cycleId), assessmentPrefix(districtId))).map(fromItem);
}

/** Give up on a contended assessment after this long (the caller answers 409 and the user retries). */
const CONTENTION_LIMIT_MS = 10_000;

/**
 * Reads, decides, writes. `hooks.afterApply` (failure-injection tests) is read at the moment it would
 * run: between the item's write and the change record's.
 */
export async function updateAssessment(
  t: Table,
  cycleId: string,
  districtId: string,
  unitId: string,
  decide: (current: Assessment) => Change,
  hooks?: { readonly afterApply?: ((a: Assessment) => Promise<void>) | undefined },
): Promise<Change> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const current = await getAssessment(t, cycleId, districtId, unitId);
    if (!current) throw new NotFound('Đơn vị này chưa có hồ sơ trong kỳ đánh giá.');
    const change = decide(current);
    if (change.next === current) return change;
    const old = await writeChange(t, current, change);
    if (old) {
      const next = applyWrite(old, current, change);
      if (hooks?.afterApply) await hooks.afterApply(next);
      await writeAudit(t, cycleId, unitId, recordsAfter(old, next.version, change.audit));
      return { next, audit: change.audit };
    }
    if (Date.now() - started > CONTENTION_LIMIT_MS)
      throw new StaleVersion('Hồ sơ đang được nhiều người cập nhật cùng lúc; vui lòng thử lại.');
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 + attempt * 2)));
  }
}
