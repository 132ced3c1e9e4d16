/**
 * Saves of self scores on the local stack under 100 concurrent clients for 30 s (BENCH_SAVE_SECONDS),
 * p50/p99 and errors, beside a bare PutItem of the same items on the same dynalite under the same
 * concurrency, in the same run. Each side first runs 5 s of the same load unmeasured (its errors still
 * count): the first burst of 100 clients at once meets sockets being opened and code being compiled. Every commune's rows are filled once first (the items are at their
 * full size throughout); each client owns its own rows of one commune (several clients per commune),
 * sends the version it last got, and so exercises the merge of concurrent writers.
 *
 * The baseline: once the stack has stopped, a bare dynalite opens the stack's own data, reads the
 * assessment items back as stored (their size is measured there, not assumed), and the same clients
 * put those very items, each to its commune's key, into a table made by the product's ensureTable (the
 * same key schema and indexes as the product table) in that dynalite.
 */
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../local/stack.js';
import { bareDynalite, itemBytes, productTable, storedAssessments } from './lib/dynalite.js';
import { closedLoop, statusText, vi } from './lib/load.js';
import { loadClients, prepareCommunes, startBenchStack } from './lib/stack.js';
import { percentile } from './local-process.js';
import { prng } from './scoring.js';
import type { BenchResult } from './types.js';

const CLIENTS = 100;
const SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 30);
const BASELINE_SECONDS = Math.min(SECONDS, 15);
/** Unmeasured seconds of the same load first, on both sides (lib/load.ts). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
/** Hard cap: far above what the stack answers in the time (about 150 saves/s here), never unbounded. */
const MAX_REQUESTS = 1000 * SECONDS;
const BASELINE_TABLE = 'bench-put';

export async function run(): Promise<BenchResult[]> {
  const stack = await startBenchStack();
  try {
    const rnd = prng(4203);
    const prepared = await prepareCommunes(stack.url, rnd);
    const clients = loadClients(stack.url, prepared, CLIENTS, rnd);
    const load = (
      await closedLoop({
        clients: CLIENTS,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        maxRequests: MAX_REQUESTS,
        kinds: ['save'],
        pick: () => 'save',
        send: (_, c, i) => clients.save(c, i),
      })
    ).byKind.save;
    await stack.stop();

    const db = await bareDynalite(join(stack.dataDir, 'dynamodb'));
    try {
      const mine = new Set(prepared.communes.map((c) => c.unitId));
      const stored = (await storedAssessments(db.client, await productTable(db.client), prepared.cycleId)).filter((it) =>
        mine.has(it.unitId?.S ?? ''),
      );
      const byUnit = new Map(stored.map((it) => [it.unitId!.S!, it]));
      const items = prepared.communes.map((c) => byUnit.get(c.unitId)!);
      const sizes = stored.map(itemBytes).sort((a, b) => a - b);
      const size = percentile(sizes, 50);
      await ensureTable(db.endpoint, BASELINE_TABLE);
      const base = (
        await closedLoop({
          clients: CLIENTS,
          seconds: BASELINE_SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          maxRequests: 1000 * BASELINE_SECONDS,
          kinds: ['put'],
          pick: () => 'put',
          send: async (_, c) => {
            await db.client.send(new PutItemCommand({ TableName: BASELINE_TABLE, Item: items[c % items.length] }));
            return 200;
          },
        })
      ).byKind.put;
      console.error(
        `save: ${load.n} measured after ${WARMUP_SECONDS} s of warm-up (all answers ${statusText(load)}); baseline ${base.n} puts (${statusText(base)}) of the ${items.length} stored items, ` +
          `${sizes[0]}–${sizes.at(-1)} B (median ${size} B)`,
      );
      return [
        {
          name: `Lưu điểm tự đánh giá, ${CLIENTS} client đồng thời trong ${SECONDS} s (sau ${WARMUP_SECONDS} s khởi động) — p50`,
          value: load.p50,
          unit: 'ms',
          baseline: { name: `PutItem dynalite, cùng hồ sơ đã lưu (${vi(size / 1024, 1)} KB)`, value: base.p50 },
          goal: 'tham khảo',
          met: true,
        },
        {
          name: `Lưu điểm tự đánh giá, ${CLIENTS} client đồng thời — p99 (${vi(load.n)} yêu cầu, ${vi(load.errors)} lỗi)`,
          value: load.p99,
          unit: 'ms',
          baseline: { name: `PutItem dynalite p99 (${vi(base.errors)} lỗi)`, value: base.p99 },
          goal: 'p99 ≤ 3× và 0 lỗi',
          met: load.p99 <= 3 * base.p99 && load.errors === 0 && base.errors === 0,
        },
      ];
    } finally {
      await db.stop();
    }
  } finally {
    await stack.stop().catch(() => undefined);
    stack.remove();
  }
}
