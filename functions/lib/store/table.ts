/** What every store module works on: the document client, the table's name, and two helpers for both. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export interface Table {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
}

export const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as { name?: string })?.name === 'ConditionalCheckFailedException';

/** Every item of a query, following its pages. */
export async function queryAll(t: Table, input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await t.db.send(new QueryCommand({ ...input, TableName: t.table, ExclusiveStartKey: start }));
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Items whose sort key begins with `prefix` in partition `pk`. */
export const queryPrefix = (t: Table, pk: string, prefix: string, consistent = false) =>
  queryAll(t, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ...(consistent ? { ConsistentRead: true } : {}),
  });
