/**
 * A bare dynalite in its own process (so the load generator does not share its event loop, as the
 * local stack's dynalite does not), on a data directory on disk as the local stack keeps it; and the
 * assessment items as the local stack stored them, with their sizes as DynamoDB counts them.
 */
import { spawn } from 'node:child_process';
import {
  DynamoDBClient,
  ListTablesCommand,
  QueryCommand,
  type AttributeValue,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { assessmentPrefix, cyclePk } from '../../functions/lib/store/keys.js';

export interface BareDynalite {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** dynalite on `path` (an existing local stack's `dynamodb/` directory, or a fresh one). */
export async function bareDynalite(path: string): Promise<BareDynalite> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('dynalite')({createTableMs:0,path:${JSON.stringify(path)}}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((ok, fail) => {
    child.stdout!.once('data', (d: Buffer) => ok(Number(d.toString().trim())));
    child.once('exit', (code) => fail(new Error(`dynalite exited (${code})`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill();
      });
    },
  };
}

type Item = Record<string, AttributeValue>;

/** Bytes of a number as DynamoDB counts them: about one per two significant digits, plus one. */
function numberBytes(n: string): number {
  const digits = n.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function valueBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return numberBytes(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + numberBytes(x), 0);
  if (v.BS) return v.BS.reduce((s, x) => s + x.byteLength, 0);
  // Lists and maps: 3 bytes, and 1 byte per element beside the element (and its name, in a map).
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueBytes(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueBytes(x), 0);
  throw new Error(`unknown attribute type ${Object.keys(v).join()}`);
}

/** An item's size as DynamoDB counts it against its 400 KB limit (names and values). */
export const itemBytes = (item: Item) => Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueBytes(v), 0);

/** The product's table: the one table the local stack created. */
export async function productTable(client: DynamoDBClient): Promise<string> {
  const names = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  if (names.length !== 1) throw new Error(`expected the local stack's one table, found ${names.join(', ')}`);
  return names[0]!;
}

/** Every assessment item of a cycle as stored (raw attribute values: what PutItem sends back). */
export async function storedAssessments(client: DynamoDBClient, table: string, cycleId: string): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const r: QueryCommandOutput = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': { S: cyclePk(cycleId) }, ':p': { S: assessmentPrefix() } },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}
