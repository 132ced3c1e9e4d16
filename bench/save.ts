/**
 * Saves of self scores on the local stack under 100 concurrent clients for 30 s (BENCH_SAVE_SECONDS),
 * p50/p99 and errors, beside a bare dynalite PutItem of an item of the same size under the same
 * concurrency, in the same run. Each client owns its own rows of one commune (several clients per
 * commune), sends the version it last saw, and so exercises the merge of concurrent writers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../local/stack.js';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getFramework } from '../shared/framework-registry.js';
import { thaiNguyen } from '../provinces/thai-nguyen.js';
import { resolveOrganisation } from '../shared/organisation.js';
import type { BenchResult } from './types.js';
import { percentile, startChildStack } from './local-process.js';

const CLIENTS = 100;
const SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 30);
const BASELINE_SECONDS = Math.min(SECONDS, 15);

async function runFor(seconds: number, clients: number, once: (client: number, i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const t = performance.now();
        const ok = await once(c, i).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length, errors };
}

/** A bare dynalite in its own process, keeping its data on disk as the local stack's does. */
async function bareDynalite(itemBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-dynalite-'));
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('dynalite')({createTableMs:0,path:${JSON.stringify(dir)}}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((ok) => child.stdout!.once('data', (d: Buffer) => ok(Number(d.toString().trim()))));
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  await ensureTable(`http://127.0.0.1:${port}`, 'bench');
  const payload = 'x'.repeat(itemBytes);
  const r = await runFor(BASELINE_SECONDS, CLIENTS, async (c, i) => {
    await doc.send(new PutCommand({ TableName: 'bench', Item: { pk: `A#${c % 35}`, sk: 'ITEM', version: i, payload } }));
    return true;
  });
  child.kill();
  rmSync(dir, { recursive: true, force: true });
  return r;
}

export async function run(): Promise<BenchResult[]> {
  const fw = getFramework('thai-nguyen-4203-2021')!;
  const stack = await startChildStack();
  // The seeded current cycle runs in the current organisation.
  const communes = resolveOrganisation(thaiNguyen).communes.map((c) => c.id);
  const perCommune = Math.ceil(CLIENTS / communes.length);
  const cycleId = String(new Date().getFullYear());
  const tokens = await Promise.all(
    communes.map(async (unitId) => {
      const r = await fetch(`${stack.url}/api/dev/token`, {
        method: 'POST',
        body: JSON.stringify({ role: 'commune_officer', unitId }),
      });
      return ((await r.json()) as { token: string }).token;
    }),
  );
  const versions = new Array<number>(CLIENTS).fill(0);
  const statuses = new Map<number, number>();
  let lastBody = '';
  const load = await runFor(SECONDS, CLIENTS, async (c, i) => {
    const k = c % communes.length;
    const rows = fw.leaves.filter((_, j) => j % perCommune === Math.floor(c / communes.length));
    const leaf = rows[i % rows.length]!;
    const score = (Math.floor(Math.random() * (leaf.max / 25 + 1)) * 25) / 100;
    const r = await fetch(`${stack.url}/api/cycles/${cycleId}/assessments/${communes[k]}/self`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens[k]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: versions[c], items: { [leaf.code]: { score, explanation: `Văn bản số ${i}/KH-UBND` } } }),
    });
    const text = await r.text();
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.status !== 200) return false;
    lastBody = text;
    versions[c] = (JSON.parse(text) as { version: number }).version;
    return true;
  });
  await stack.stop();
  // The stored item is about the size of the assessment the API answers (rows, totals aside).
  const itemBytes = Math.round(Buffer.byteLength(lastBody) * 0.8);
  const base = await bareDynalite(itemBytes);
  const codes = [...statuses].map(([s, n]) => `${s}: ${n}`).join(', ');
  console.error(`save: ${load.n} requests (${codes}); baseline ${base.n} puts of ${itemBytes} B`);
  return [
    {
      name: `Lưu điểm tự đánh giá, ${CLIENTS} client đồng thời trong ${SECONDS} s — p50`,
      value: load.p50,
      unit: 'ms',
      baseline: { name: `PutItem dynalite (${Math.round(itemBytes / 1024)} KB)`, value: base.p50 },
      goal: 'tham khảo',
      met: true,
    },
    {
      name: `Lưu điểm tự đánh giá, ${CLIENTS} client đồng thời — p99 (${load.n} yêu cầu, ${load.errors} lỗi)`,
      value: load.p99,
      unit: 'ms',
      baseline: { name: 'PutItem dynalite p99', value: base.p99 },
      goal: 'p99 ≤ 3× và 0 lỗi',
      met: load.p99 <= 3 * base.p99 && load.errors === 0,
    },
  ];
}
