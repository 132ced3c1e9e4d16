/** The lifecycle's waits: the state machine's task token beside the assessment (keys.ts: WAIT). */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WaitRecord } from '../../../shared/store.js';
import { waitKey } from './keys.js';
import { strip } from './items.js';
import { isConditionFailure, type Table } from './table.js';

export async function putWait(t: Table, cycleId: string, unitId: string, w: WaitRecord): Promise<void> {
  await t.db.send(new PutCommand({ TableName: t.table, Item: { ...waitKey(cycleId, unitId), ...w } }));
}

export async function getWait(t: Table, cycleId: string, unitId: string): Promise<WaitRecord | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: waitKey(cycleId, unitId), ConsistentRead: true }));
  return strip<WaitRecord>(r.Item);
}

/** Removes the wait only if it is still the one with this token (a newer registration stays). */
export async function deleteWait(t: Table, cycleId: string, unitId: string, token: string): Promise<void> {
  try {
    await t.db.send(
      new DeleteCommand({
        TableName: t.table,
        Key: waitKey(cycleId, unitId),
        ConditionExpression: '#t = :t',
        ExpressionAttributeNames: { '#t': 'token' },
        ExpressionAttributeValues: { ':t': token },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
