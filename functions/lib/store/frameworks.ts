/**
 * Framework documents (frameworks as data): one item per framework, the document as JSON text (a tree
 * of any depth, past DynamoDB's nesting limit), its head (status, version, title) beside it for the list;
 * and each cycle's snapshot. A write is conditional on the version read: a stale writer gets false.
 * Decision 4203 is seeded on first read, so a table from before frameworks were data has it.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TooLarge } from '../../../shared/errors.js';
import type { FrameworkDocument } from '../../../shared/frameworks/document.js';
import { cycleFrameworkKey, frameworkKey, FRAMEWORKS_PK } from './keys.js';
import { isConditionFailure, queryAll, type Table } from './table.js';

/**
 * What a framework's item may hold (its document and its history, as JSON in UTF-8): DynamoDB's item
 * limit is 400 KB, keys and the head included; a cycle's snapshot holds the document alone.
 */
export const MAX_FRAMEWORK_ITEM_BYTES = 380 * 1024;

/**
 * Seeded at first read in every province's table: the decision the product was built on. Imported when
 * first needed, not at a cold start (the catalog and its checks are read once per table, not per container).
 */
const SEEDED_IDS = ['thai-nguyen-4203-2021'];
async function seeded(): Promise<FrameworkDocument[]> {
  const { decision4203Document } = await import('../../../shared/frameworks/from-catalog.js');
  return [decision4203Document()];
}

export interface StoredFramework {
  doc: FrameworkDocument;
  /** The history of changes (who, when, what), newest last. */
  history: FrameworkChange[];
}
export type { FrameworkChange } from '../../../shared/frameworks/wire.js';
import type { FrameworkChange } from '../../../shared/frameworks/wire.js';

const parse = (item: Record<string, unknown> | undefined): StoredFramework | undefined =>
  item && typeof item.doc === 'string'
    ? {
        doc: JSON.parse(item.doc) as FrameworkDocument,
        history: JSON.parse((item.history as string | undefined) ?? '[]') as FrameworkChange[],
      }
    : undefined;

export async function getFrameworkDoc(t: Table, id: string): Promise<StoredFramework | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: frameworkKey(id), ConsistentRead: true }));
  const hit = parse(r.Item);
  if (hit) return hit;
  if (!SEEDED_IDS.includes(id)) return undefined;
  const seed = (await seeded()).find((d) => d.id === id)!;
  await putFrameworkDoc(t, { doc: seed, history: [] }, undefined);
  return parse((await t.db.send(new GetCommand({ TableName: t.table, Key: frameworkKey(id), ConsistentRead: true }))).Item);
}

export async function listFrameworkDocs(t: Table): Promise<StoredFramework[]> {
  const items = await queryAll(t, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': FRAMEWORKS_PK } });
  const found = items.map((i) => parse(i)!).filter(Boolean);
  const missing = SEEDED_IDS.every((id) => found.some((s) => s.doc.id === id))
    ? []
    : (await seeded()).filter((d) => !found.some((s) => s.doc.id === d.id));
  for (const d of missing) {
    await putFrameworkDoc(t, { doc: d, history: [] }, undefined);
    found.push({ doc: d, history: [] });
  }
  return found.sort((a, b) => a.doc.id.localeCompare(b.doc.id));
}

/**
 * Writes `f` if the stored item is at `expectedVersion` (undefined: only if absent). false when another
 * writer got there first: nothing written.
 */
export async function putFrameworkDoc(t: Table, f: StoredFramework, expectedVersion: number | undefined): Promise<boolean> {
  const doc = JSON.stringify(f.doc);
  const history = JSON.stringify(f.history);
  // One item holds the document and its history: past DynamoDB's 400 KB the write would fail (500).
  const bytes = Buffer.byteLength(doc) + Buffer.byteLength(history);
  if (bytes > MAX_FRAMEWORK_ITEM_BYTES)
    throw new TooLarge(
      `Bộ tiêu chí quá lớn để lưu (${Math.ceil(bytes / 1024)} KB, tối đa ${MAX_FRAMEWORK_ITEM_BYTES / 1024} KB): hãy rút gọn phần hướng dẫn chấm hoặc tên các dòng.`,
      [{ field: 'definition', max: MAX_FRAMEWORK_ITEM_BYTES }],
    );
  try {
    await t.db.send(
      new PutCommand({
        TableName: t.table,
        Item: {
          ...frameworkKey(f.doc.id),
          id: f.doc.id,
          status: f.doc.status,
          version: f.doc.version,
          title: f.doc.title,
          doc,
          history,
        },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function getCycleFramework(t: Table, cycleId: string): Promise<FrameworkDocument | undefined> {
  const r = await t.db.send(new GetCommand({ TableName: t.table, Key: cycleFrameworkKey(cycleId), ConsistentRead: true }));
  return typeof r.Item?.doc === 'string' ? (JSON.parse(r.Item.doc) as FrameworkDocument) : undefined;
}

/** Put if absent: a retried open (or two first reads of an old cycle) keeps the first snapshot. Answers the stored one. */
export async function putCycleFrameworkIfAbsent(t: Table, cycleId: string, doc: FrameworkDocument): Promise<FrameworkDocument> {
  try {
    await t.db.send(
      new PutCommand({
        TableName: t.table,
        Item: { ...cycleFrameworkKey(cycleId), doc: JSON.stringify(doc) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return doc;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await getCycleFramework(t, cycleId))!;
  }
}
