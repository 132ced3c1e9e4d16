/** Per-district records of a cycle (assignments, rankings): one versioned item each, replaced whole. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { cyclePk, districtRecordKey, districtRecordPrefix, type DistrictRecordKind } from './keys.js';
import { strip } from './items.js';
import { isConditionFailure, queryPrefix, type Table } from './table.js';

export async function getDistrictRecord<T>(
  t: Table,
  kind: DistrictRecordKind,
  cycleId: string,
  districtId: string,
): Promise<T | undefined> {
  const r = await t.db.send(
    new GetCommand({ TableName: t.table, Key: districtRecordKey(kind, cycleId, districtId), ConsistentRead: true }),
  );
  return strip<T>(r.Item);
}

/** Writes the next version of a district record if the stored one is still at `expectedVersion` (0 = none yet). */
export async function putDistrictRecord(
  t: Table,
  kind: DistrictRecordKind,
  next: { cycleId: string; districtId: string; version: number },
  expectedVersion: number,
): Promise<boolean> {
  try {
    await t.db.send(
      new PutCommand({
        TableName: t.table,
        Item: { ...districtRecordKey(kind, next.cycleId, next.districtId), ...next },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function listDistrictRecords<T>(t: Table, kind: DistrictRecordKind, cycleId: string): Promise<T[]> {
  const items = await queryPrefix(t, cyclePk(cycleId), districtRecordPrefix(kind));
  return items.map((i) => strip<T>(i)!);
}
