/** Cycles, and the table's META items (the seed marker; the health check's read). */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Cycle } from '../../../shared/schemas.js';
import { cycleKey, cycleOrganisationKey, CYCLES_PK, metaKey, PING_KEY } from './keys.js';
import { strip } from './items.js';
import { isConditionFailure, queryAll, type Table } from './table.js';

export async function listCycles(t: Table): Promise<Cycle[]> {
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': CYCLES_PK } });
  return items.map((i) => strip<Cycle>(i)!).sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
}

export async function getCycle(t: Table, id: string): Promise<Cycle | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: cycleKey(id) }));
  return strip<Cycle>(r.Item);
}

/** false when a cycle with that id already exists. */
export async function putCycleIfAbsent(t: Table, c: Cycle): Promise<boolean> {
  try {
    await t.db.send(
      new PutCommand({ TableName: t.table, Item: { ...cycleKey(c.id), ...c }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** The organisation snapshot a cycle opened with; undefined for cycles stored before snapshots. */
export async function getCycleOrganisation<T>(t: Table, cycleId: string): Promise<T | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: cycleOrganisationKey(cycleId), ConsistentRead: true }));
  return (r.Item?.snapshot as T | undefined) ?? undefined;
}

/** Put if absent: a retried open keeps the first snapshot. Answers the stored one. */
export async function putCycleOrganisationIfAbsent<T>(t: Table, cycleId: string, snapshot: T): Promise<T> {
  try {
    await t.db.send(
      new PutCommand({
        TableName: t.table,
        Item: { ...cycleOrganisationKey(cycleId), snapshot },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return snapshot;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await getCycleOrganisation<T>(t, cycleId))!;
  }
}

export async function ping(t: Table): Promise<void> {
  await t.db.send(new GetCommand({ TableName: t.table, Key: PING_KEY }));
}

export async function getMeta(t: Table, sk: string): Promise<Record<string, unknown> | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: metaKey(sk) }));
  return strip(r.Item);
}

export async function putMeta(t: Table, sk: string, value: Record<string, unknown>): Promise<void> {
  await t.db.send(new PutCommand({ TableName: t.table, Item: { ...metaKey(sk), ...value } }));
}
