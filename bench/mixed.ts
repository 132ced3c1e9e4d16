/**
 * A deadline day on the local stack: 300 concurrent clients for 60 s (BENCH_MIXED_SECONDS), each
 * request drawn at random as 70 % self-assessment row saves, 20 % reads of one assessment and 10 %
 * dashboard loads (the province's consolidated view). Every commune's rows are filled once first; each
 * client saves and reads its own commune's assessment (several clients share one where there are
 * fewer communes than clients, each then owning its own rows) and sends the version it last got.
 * Bounded by a deadline and a hard cap on requests; every request has a timeout. Recorded per kind:
 * count, errors (any non-2xx or network error), p50 and p99. No baseline: the goal is no error.
 */
import { closedLoop, statusText, vi, type KindStats } from './lib/load.js';
import { call, loadClients, prepareCommunes, startBenchStack } from './lib/stack.js';
import { pathOf } from '../shared/api/endpoint.js';
import { rankings } from '../shared/api/rankings.js';
import { prng } from './scoring.js';
import { concurrencyFromEnv } from '../local/stack.js';
import type { BenchResult } from './types.js';

const CLIENTS = 300;
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
/** Hard cap: far above what the stack answers in the time, never unbounded. */
const MAX_REQUESTS = 1000 * SECONDS;
/** Unmeasured seconds of the same load first (lib/load.ts): their errors count, their times do not. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const MIX = { save: 0.7, read: 0.2, dashboard: 0.1 } as const;
type Kind = keyof typeof MIX;
const KINDS = Object.keys(MIX) as Kind[];

const LABEL: Record<Kind, string> = {
  save: 'lưu một dòng tự đánh giá',
  read: 'đọc một hồ sơ',
  dashboard: 'tải bảng tổng hợp toàn tỉnh',
};

export async function run(): Promise<BenchResult[]> {
  const stack = await startBenchStack();
  try {
    const rnd = prng(2025);
    const prepared = await prepareCommunes(stack.url, rnd);
    const clients = loadClients(stack.url, prepared, CLIENTS, rnd);
    const consolidated = pathOf(rankings.getConsolidated.path, { cycleId: prepared.cycleId });
    let toldDashboard = 0;
    const draw = prng(300);
    const result = await closedLoop<Kind>({
      clients: CLIENTS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      maxRequests: MAX_REQUESTS,
      kinds: KINDS,
      pick: () => {
        const x = draw();
        return x < MIX.save ? 'save' : x < MIX.save + MIX.read ? 'read' : 'dashboard';
      },
      send: async (kind, c, i) => {
        if (kind === 'save') return clients.save(c, i);
        if (kind === 'read') return clients.read(c);
        const r = await call(stack.url, prepared.provinceToken, 'GET', consolidated);
        if (r.status !== 200 && toldDashboard++ < 5) console.error(`dashboard: ${r.status} ${r.text.slice(0, 400)}`);
        return r.status;
      },
    });
    const total = KINDS.reduce((s, k) => s + result.byKind[k].n, 0);
    console.error(
      `mixed: ${total} requests in ${(result.wallMs / 1000).toFixed(1)} s${result.capped ? ' (cap reached)' : ''} over ` +
        `${prepared.communes.length} communes, ${concurrencyFromEnv()} invocations at once in the stack (LOCAL_CONCURRENCY); ` +
        KINDS.map((k) => `${k} ${result.byKind[k].n} (${statusText(result.byKind[k])})`).join('; '),
    );
    return KINDS.map((k) => row(k, result.byKind[k], total));
  } finally {
    await stack.stop();
    stack.remove();
  }
}

function row(kind: Kind, s: KindStats, total: number): BenchResult {
  return {
    name:
      `Tải hỗn hợp, ${CLIENTS} client đồng thời trong ${SECONDS} s (sau ${WARMUP_SECONDS} s khởi động) — ${LABEL[kind]} ` +
      `(${vi(MIX[kind] * 100)} %; ${vi(s.n)}/${vi(total)} yêu cầu, ${vi(s.errors)} lỗi; p50 ${vi(s.p50, 1)} ms) — p99`,
    value: s.p99,
    unit: 'ms',
    goal: '0 lỗi; ghi nhận p99',
    met: s.errors === 0 && s.n > 0,
  };
}
