/**
 * The local stack's dynalite thread (local/dynalite-worker.mjs) keeps an active table's description
 * instead of reading it from LevelDB before every request: what it answers must not change. A table
 * created, used, deleted and made again with an index is described and used as it is at each step.
 * And `ensureTable` makes a table from before the summaries index again with it, losing no item.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  GetItemCommand,
  ScanCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dynaliteThread, ensureTable } from '../../local/stack.js';
import { SUMMARY_INDEX } from '../../functions/lib/store/keys.js';

let dynamo: Awaited<ReturnType<typeof dynaliteThread>>;
let db: DynamoDBClient;

beforeAll(async () => {
  dynamo = await dynaliteThread({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }, 0, '127.0.0.1');
  db = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${dynamo.port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  db?.destroy();
  await dynamo?.close();
});

const T = 'kept';
const S = (s: string) => ({ S: s });
const indexes = async () =>
  ((await db.send(new DescribeTableCommand({ TableName: T }))).Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName);
const byIndex = () =>
  db.send(
    new QueryCommand({
      TableName: T,
      IndexName: 'byG',
      KeyConditionExpression: 'g = :g',
      ExpressionAttributeValues: { ':g': S('x') },
    }),
  );

describe('the local dynalite thread', () => {
  it('describes and serves a table as it is after each change: created, used, deleted, made again with an index', async () => {
    await db.send(
      new CreateTableCommand({
        TableName: T,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await db.send(new PutItemCommand({ TableName: T, Item: { pk: S('a'), g: S('x') } }));
    expect(await indexes()).toEqual([]);
    await expect(byIndex()).rejects.toThrow();

    await db.send(new DeleteTableCommand({ TableName: T }));
    let gone: unknown;
    for (let i = 0; i < 50 && !gone; i++) {
      gone = await db.send(new DescribeTableCommand({ TableName: T })).then(
        () => undefined,
        (e: Error) => e,
      );
      if (!gone) await new Promise((r) => setTimeout(r, 20));
    }
    expect((gone as Error).name).toBe('ResourceNotFoundException');

    // Made again, now with an index: described and queried as it is now.
    await db.send(
      new CreateTableCommand({
        TableName: T,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        ],
      }),
    );
    expect(await indexes()).toEqual(['byG']);
    expect((await byIndex()).Count).toBe(0);
    await db.send(new PutItemCommand({ TableName: T, Item: { pk: S('a'), g: S('x') } }));
    expect((await byIndex()).Count).toBe(1);
  });

  it('a table from before the summaries index is made again with it, every item kept; a backup left by a stop part-way is put back', async () => {
    const name = 'before-summaries';
    const dir = mkdtempSync(join(tmpdir(), 'cchc-backup-'));
    const backup = join(dir, 'dynamodb-backup.json');
    try {
      await db.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      // More than one page of a scan and more than one batch of writes.
      const big = 'x'.repeat(20_000);
      for (let i = 0; i < 120; i++)
        await db.send(new PutItemCommand({ TableName: name, Item: { pk: S('CYCLE#2024'), sk: S(`ASMT#${i}`), body: S(big) } }));
      await ensureTable(`http://127.0.0.1:${dynamo.port}`, name, backup);
      const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([SUMMARY_INDEX]);
      let count = 0;
      let start: Record<string, { S: string }> | undefined;
      do {
        const r = await db.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start as never }));
        count += r.Count ?? 0;
        start = r.LastEvaluatedKey as never;
      } while (start);
      expect(count).toBe(120);
      expect(existsSync(backup)).toBe(false);

      // A stop after the table was made again but before its items were back: the next start restores them.
      writeFileSync(backup, JSON.stringify([{ pk: S('CYCLE#2024'), sk: S('ASMT#lost'), body: S('kept') }]));
      await ensureTable(`http://127.0.0.1:${dynamo.port}`, name, backup);
      const back = await db.send(new GetItemCommand({ TableName: name, Key: { pk: S('CYCLE#2024'), sk: S('ASMT#lost') } }));
      expect(back.Item?.body).toEqual(S('kept'));
      expect(existsSync(backup)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
