/**
 * Change records: the audit entries of each version of an assessment. The assessment item carries the
 * latest change's entries as `lastChange` and the ones before as `priorChange` (keys.ts); the next writer
 * writes them as their records, beside its own write. Reading fills in a record not yet written from the item.
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../../shared/schemas.js';
import { assessmentKey, assessmentPk, CHANGE_PREFIX, changeKey } from './keys.js';
import { strip } from './items.js';
import { queryPrefix, type Table } from './table.js';
import { carriedRecords } from './updates.js';

/** The audit entries of one change (one version of the assessment). */
export interface ChangeRecord {
  version: number;
  audit: AuditEntry[];
}

/** Writes change records (idempotent: the same version always carries the same entries). */
export async function writeAudit(t: Table, cycleId: string, unitId: string, records: ChangeRecord[]): Promise<void> {
  let pending: Record<string, unknown>[] = records.map((c) => ({
    PutRequest: { Item: { ...changeKey(cycleId, unitId, c.version), ...c } },
  }));
  for (let i = 0; pending.length > 0; i++) {
    const r = await t.db.send(new BatchWriteCommand({ RequestItems: { [t.table]: pending as never } }));
    pending = (r.UnprocessedItems?.[t.table] as Record<string, unknown>[] | undefined) ?? [];
    if (pending.length > 0 && i >= 5) throw new Error('audit write throttled');
    if (pending.length > 0) await new Promise((res) => setTimeout(res, 20 * 2 ** i));
  }
}

/**
 * The change records as stored, with the item's `lastChange` in place of a record not yet written; each
 * entry carries its change's version, so that a reader can group the entries of one change.
 */
export function mergeLastChange(
  changes: ChangeRecord[],
  item: { lastChange?: AuditEntry[]; priorChange?: AuditEntry[]; version: number } | undefined,
): AuditEntry[] {
  const all = [...changes];
  for (const carried of item ? carriedRecords(item) : []) if (!all.some((c) => c.version === carried.version)) all.push(carried);
  return all.sort((a, b) => a.version - b.version).flatMap((c) => c.audit.map((e) => ({ ...e, version: c.version })));
}

/** Every audit entry of an assessment, oldest first. */
export async function readAudit(t: Table, cycleId: string, districtId: string, unitId: string): Promise<AuditEntry[]> {
  const [records, item] = await Promise.all([
    queryPrefix(t, assessmentPk(cycleId, unitId), CHANGE_PREFIX, true),
    t.db.send(
      new GetCommand({
        TableName: t.table,
        Key: assessmentKey({ cycleId, districtId, unitId }),
        ProjectionExpression: 'lastChange, priorChange, version',
        ConsistentRead: true,
      }),
    ),
  ]);
  return mergeLastChange(
    records.map((r) => strip<ChangeRecord>(r)!),
    item.Item as { lastChange?: AuditEntry[]; priorChange?: AuditEntry[]; version: number } | undefined,
  );
}
