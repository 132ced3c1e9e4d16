/** Evidence uploads asked for and not yet confirmed (keys.ts: UPLOAD#<id> beside the assessment). */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingUpload } from '../../../shared/store.js';
import { uploadKey } from './keys.js';
import { strip } from './items.js';
import type { Table } from './table.js';

export async function putUpload(t: Table, u: PendingUpload): Promise<void> {
  await t.db.send(new PutCommand({ TableName: t.table, Item: { ...uploadKey(u.cycleId, u.unitId, u.id), ...u } }));
}

export async function getUpload(t: Table, cycleId: string, unitId: string, id: string): Promise<PendingUpload | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: uploadKey(cycleId, unitId, id), ConsistentRead: true }));
  return strip<PendingUpload>(r.Item);
}

export async function deleteUpload(t: Table, cycleId: string, unitId: string, id: string): Promise<void> {
  await t.db.send(new DeleteCommand({ TableName: t.table, Key: uploadKey(cycleId, unitId, id) }));
}
