/**
 * The whole product on one machine: dynalite (DynamoDB, on a worker thread) and s3rver (S3) in-process with their data
 * under `dataDir`, the Lambda handlers behind the local router, the built web app at `/`.
 * `npm start` (local/start.ts) and the integration and e2e tests all start it through here.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { SUMMARY_FIELDS, SUMMARY_INDEX, SUMMARY_KEYS } from '../functions/lib/store/keys.js';
import { Worker } from 'node:worker_threads';
import S3rver from 's3rver';
import { FUNCTION_ENTRIES, ROUTES, type FunctionName } from '../functions/routes.js';
import { provinceConfig, validateProvince } from '../provinces/index.js';
import { devTokenRoute, devUsersRoute } from './dev-token.js';
import { localDirectory } from './users.js';
import { LocalLifecycleRunner } from './lifecycle-runner.js';
import { seedDemo } from './seed.js';
import { createLocalServer, DEFAULT_CONCURRENCY, type LambdaHandler } from './server.js';

export interface LocalStackOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  dataDir: string;
  webDir?: string;
  provinceId?: string;
  /** Seed the demo province's cycle on first start (default true). */
  seed?: boolean;
  /** Each function invocation's time (default 10 s, as deployed). */
  functionTimeoutMs?: number;
  /** Invocations at once (server.ts; default LOCAL_CONCURRENCY, else DEFAULT_CONCURRENCY). */
  concurrency?: number;
}

export interface LocalStack {
  url: string;
  port: number;
  s3Url: string;
  dynamoUrl: string;
  jwtSecret: string;
  tableName: string;
  bucketName: string;
  /** The in-process Step Functions stand-in running every assessment's lifecycle. */
  lifecycle: LocalLifecycleRunner;
  stop(): Promise<void>;
}

/** LOCAL_CONCURRENCY: the invocations the local stack runs at once (a whole number ≥ 1). */
export function concurrencyFromEnv(value = process.env.LOCAL_CONCURRENCY): number {
  if (value === undefined || value === '') return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LOCAL_CONCURRENCY=${value}: cần một số nguyên ≥ 1`);
  return n;
}

const TABLE = 'cchc-local';
const BUCKET = 'cchc-evidence-local';
const ROOT = resolve(import.meta.dirname, '..');

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * The handlers read their endpoints once per process (as in Lambda), so a second stack in the same
 * process (a restart test) reuses the first one's storage ports.
 */
let processPorts: { dynamo: number; s3: number; provinceId: string } | undefined;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((ok) => {
    server.closeAllConnections?.();
    server.close(() => ok());
  });
}

/** dynalite on a worker thread (local/dynalite-worker.mjs), listening on `port`. */
export async function dynaliteThread(options: Record<string, unknown>, port: number, host: string) {
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), { workerData: { options, port, host } });
  const reply = (key: string) =>
    new Promise<Record<string, unknown>>((ok, fail) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m.error) fail(new Error(`dynalite: ${String(m.error)}`));
        else if (key in m) ok(m);
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', fail);
    });
  const { port: bound } = await reply('port');
  return {
    port: bound as number,
    async close() {
      const closed = reply('closed');
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}

function secretIn(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const SUMMARY_ATTRIBUTES = [
  { AttributeName: SUMMARY_KEYS.pk, AttributeType: 'S' as const },
  { AttributeName: SUMMARY_KEYS.sk, AttributeType: 'S' as const },
];
/** The index of compact summaries, as infra/stacks/province-stack.ts defines it. */
const SUMMARY_GSI = {
  IndexName: SUMMARY_INDEX,
  KeySchema: [
    { AttributeName: SUMMARY_KEYS.pk, KeyType: 'HASH' as const },
    { AttributeName: SUMMARY_KEYS.sk, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...SUMMARY_FIELDS] },
};

/**
 * Creates the single table (pk/sk and the summaries index, on demand) on a local DynamoDB unless it
 * exists. Benches use it too. A table from before the summaries (no index) is made again with it:
 * dynalite cannot add an index to a table (its UpdateTable changes throughput only). Its items are
 * written to `backupFile` first, put back into the new table, and the file removed; a start that finds
 * the file (a stop part-way) puts them back again (puts are idempotent), so no item is lost.
 */
export async function ensureTable(endpoint: string, tableName = TABLE, backupFile?: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    let Table;
    try {
      ({ Table } = await client.send(new DescribeTableCommand({ TableName: tableName })));
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    }
    // (A table whose index was made with an older, wider projection keeps it: it holds `version` and
    // `pts` too, and the reader takes nothing else from it.)
    if (Table && !Table.GlobalSecondaryIndexes?.some((i) => i.IndexName === SUMMARY_INDEX)) {
      if (!backupFile) throw new Error(`table ${tableName} has no ${SUMMARY_INDEX} index and no backup file was given`);
      const items = await scanAll(client, tableName);
      writeFileSync(`${backupFile}.part`, JSON.stringify(items));
      renameSync(`${backupFile}.part`, backupFile);
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.5 }, { TableName: tableName });
      Table = undefined;
    }
    if (!Table) await createTable(client, tableName);
    if (backupFile && existsSync(backupFile)) {
      const items = JSON.parse(readFileSync(backupFile, 'utf8')) as Record<string, AttributeValue>[];
      for (let i = 0; i < items.length; i += 25) await putAll(client, tableName, items.slice(i, i + 25));
      rmSync(backupFile);
    }
  } finally {
    client.destroy();
  }
}

async function createTable(client: DynamoDBClient, tableName: string) {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        ...SUMMARY_ATTRIBUTES,
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [SUMMARY_GSI],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.5 }, { TableName: tableName });
}

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const out: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const r = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

async function putAll(client: DynamoDBClient, tableName: string, items: Record<string, AttributeValue>[]) {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let i = 0; pending.length > 0; i++) {
    if (i >= 10) throw new Error(`restoring ${tableName}: writes left unprocessed`);
    const r = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = (r.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
  }
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = resolve(opts.dataDir);
  const provinceId = opts.provinceId ?? 'thai-nguyen';
  validateProvince(provinceConfig(provinceId));
  mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
  mkdirSync(join(dataDir, 's3'), { recursive: true });
  if (processPorts && processPorts.provinceId !== provinceId) throw new Error('one province per process');

  const dynamo = await dynaliteThread(
    { path: join(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 },
    processPorts?.dynamo ?? 0,
    host,
  );
  const dynamoPort = dynamo.port;
  const s3 = new S3rver({
    address: host,
    port: processPorts?.s3 ?? 0,
    silent: true,
    directory: join(dataDir, 's3'),
    vhostBuckets: false,
    configureBuckets: [{ name: BUCKET, configs: [CORS] }],
  });
  const s3Port = (await s3.run()).port;
  processPorts = { dynamo: dynamoPort, s3: s3Port, provinceId };

  const dynamoUrl = `http://${host}:${dynamoPort}`;
  const s3Url = `http://${host}:${s3Port}`;
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    BUCKET_NAME: BUCKET,
    PROVINCE_ID: provinceId,
    DYNAMODB_ENDPOINT: dynamoUrl,
    S3_ENDPOINT: s3Url,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  await ensureTable(dynamoUrl, TABLE, join(dataDir, 'dynamodb-backup.json'));

  const handlers = {} as Record<FunctionName, LambdaHandler | undefined>;
  for (const fn of new Set(ROUTES.map((r) => r.fn))) {
    const mod = (await import(join(ROOT, FUNCTION_ENTRIES[fn]))) as { handler: LambdaHandler };
    handlers[fn] = mod.handler;
  }
  const { store, province, lifecycle, forgetCaches } = await import('../functions/lib/context.js');
  // The demo's directory of local users in place of Cognito's user pool (local/users.ts).
  (await import('../functions/lib/users.js')).useUserDirectory(localDirectory(province));
  // The handlers' modules stay loaded across a restart in one process; a restart is a cold start.
  forgetCaches();
  const { runTask } = await import('../functions/run-lifecycle-task.js');
  const quiet = process.env.LOG_LEVEL === 'silent' || process.env.LOG_LEVEL === 'error';
  const runner = new LocalLifecycleRunner(runTask, (m) => (quiet ? undefined : process.stderr.write(`${m}\n`)));
  lifecycle.use(runner, runner);
  if (opts.seed !== false) await seedDemo(store, province(), lifecycle);
  await runner.resumeAll(store);

  const jwtSecret = secretIn(dataDir);
  const server = createLocalServer({
    handlers,
    localRoutes: { 'POST /api/dev/token': devTokenRoute(province, jwtSecret), 'GET /api/dev/users': devUsersRoute(province) },
    jwtSecret,
    webDir: opts.webDir ?? join(ROOT, 'web', 'build'),
    config: { auth: 'local' },
    ...(opts.functionTimeoutMs ? { functionTimeoutMs: opts.functionTimeoutMs } : {}),
    concurrency: opts.concurrency ?? concurrencyFromEnv(),
  });
  const port = await listen(server, opts.port ?? 3000, host);
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    s3Url,
    dynamoUrl,
    jwtSecret,
    tableName: TABLE,
    bucketName: BUCKET,
    lifecycle: runner,
    async stop() {
      await close(server);
      await runner.stop();
      await s3.close();
      await dynamo.close();
    },
  };
}
