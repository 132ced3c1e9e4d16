/**
 * The province at scale: 10,000 synthetic communes in 20 districts of 500, appraised and published.
 * - the consolidated results (dashboard and ranking) and the public results through the real handlers:
 *   server time beside the floor, a bare paged Query of 10,000 items of the summaries' size (copies of
 *   the index's own items), and beside a bare Query of the 10,000 full items (what was read before);
 * - Appendix II for one district of 500 and the province workbook for 10,000: time and peak memory.
 * The items are written as the store writes them (functions/lib/store/items.ts `toItem`), so they carry
 * their summaries and the index holds them.
 * The handlers run in this process against dynalite in a process of its own (data on disk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable } from '../local/stack.js';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { registerProvince } from '../provinces/index.js';
import type { ProvinceConfig } from '../provinces/types.js';
import { newAssessment, type Assessment } from '../shared/assessment.js';
import { getFramework } from '../shared/framework-registry.js';
import { toItem } from '../functions/lib/store/items.js';
import { SUMMARY_INDEX } from '../functions/lib/store/keys.js';
import { bareDynalite } from './lib/dynalite.js';
import { prng } from './scoring.js';
import type { BenchResult } from './types.js';

const DISTRICTS = 20;
const PER_DISTRICT = 500;
const TABLE = 'cchc-bench';
const CYCLE = '2026';

const districts = Array.from({ length: DISTRICTS }, (_, d) => ({
  id: `huyen-${d + 1}`,
  name: `Huyện Thử nghiệm ${d + 1}`,
  communes: Array.from({ length: PER_DISTRICT }, (_, c) => ({
    id: `xa-${d + 1}-${c + 1}`,
    name: `Xã Thử nghiệm ${d + 1}-${c + 1}`,
    kind: 'xa' as const,
  })),
}));

const province: ProvinceConfig = {
  id: 'bench-10k',
  name: 'Tỉnh thử nghiệm',
  appraisingLevel: 'district',
  frameworkId: 'thai-nguyen-4203-2021',
  bootstrapUsers: [],
  organisations: [
    { id: 'bench', label: 'Tỉnh thử nghiệm', validFrom: '2020-01-01', appraisingLevel: 'district', appraisingUnits: districts },
  ],
  currentOrganisationId: 'bench',
};

/**
 * Memory JavaScript holds: the heap as committed (V8 grows it to fit the peak of live data and garbage,
 * and gives it back only later, so a synchronous peak between two samples still shows) and the buffers
 * outside it (typed arrays, Buffers).
 */
const inUse = () => {
  const m = process.memoryUsage();
  return m.heapTotal + m.external;
};

/** Runs fn while sampling memory held; answers its duration and the peak growth (committed heap + external). */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  global.gc?.();
  const start = inUse();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, inUse())), 5);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, inUse());
  return { ms, peakMb: (peak - start) / 2 ** 20, value };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-10k-'));
  // DynamoDB in a process of its own, as it is never in the function's process.
  const db = await bareDynalite(dir);
  const endpoint = db.endpoint;
  const client = db.client;
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    await ensureTable(endpoint, TABLE);

    // 10,000 appraised, published assessments with seeded scores (self and appraised).
    const fw = getFramework('thai-nguyen-4203-2021')!;
    const rnd = prng(4203);
    const now = new Date().toISOString();
    const items: Record<string, unknown>[] = [];
    for (const d of districts)
      for (const c of d.communes) {
        const a: Assessment = {
          ...newAssessment(
            {
              cycleId: CYCLE,
              unitId: c.id,
              unitName: c.name,
              unitKind: c.kind,
              districtId: d.id,
              provinceId: province.id,
              frameworkId: fw.id,
            },
            now,
          ),
          status: 'PUBLISHED',
          version: 3,
        };
        for (const leaf of fw.leaves) {
          const self = Math.round((leaf.max * (0.6 + 0.4 * rnd())) / 25) * 25;
          const appraised = Math.max(0, self - (rnd() < 0.2 ? 25 : 0));
          a.rows[leaf.code] = {
            self,
            appraised,
            selfRev: 1,
            appraisalRev: 2,
            ...(appraised !== self ? { comment: 'Thiếu tài liệu kiểm chứng' } : {}),
          };
        }
        items.push(toItem({ ...a, rows: {} }, a, Object.keys(a.rows), a.version, []));
      }
    items.push({
      pk: 'CYCLES',
      sk: `CYCLE#${CYCLE}`,
      id: CYCLE,
      year: 2026,
      frameworkId: fw.id,
      selfAssessmentDeadline: '2026-12-31T17:00:00+07:00',
      status: 'OPEN',
      organisationId: 'bench',
      appraisingLevel: 'district',
    });
    for (const d of districts)
      items.push({
        pk: `CYCLE#${CYCLE}`,
        sk: `RANKING#${d.id}`,
        cycleId: CYCLE,
        districtId: d.id,
        status: 'PUBLISHED',
        version: 2,
        history: [],
      });
    const put = async (list: Record<string, unknown>[]) => {
      for (let i = 0; i < list.length; i += 25) {
        let pending: unknown[] = list.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const r = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending as never } }));
          pending = (r.UnprocessedItems?.[TABLE] as unknown[]) ?? [];
        }
      }
    };
    await put(items);
    // The floor's items: the index's own summaries, copied as plain items into a partition of their own.
    const summaries: Record<string, unknown>[] = [];
    for (const d of districts) {
      let start: Record<string, unknown> | undefined;
      do {
        const r = await doc.send(
          new QueryCommand({
            TableName: TABLE,
            IndexName: SUMMARY_INDEX,
            KeyConditionExpression: 'gpk = :p',
            ExpressionAttributeValues: { ':p': `CYCLE#${CYCLE}#${d.id}` },
            ExclusiveStartKey: start,
          }),
        );
        summaries.push(...(r.Items ?? []));
        start = r.LastEvaluatedKey;
      } while (start);
    }
    if (summaries.length !== DISTRICTS * PER_DISTRICT) throw new Error(`index holds ${summaries.length}`);
    await put(summaries.map(({ pk: _p, sk, gpk: _g, gsk: _s, ...rest }) => ({ pk: 'FLOOR', sk, ...rest })));
    const summaryBytes = Math.round(summaries.reduce((n, x) => n + JSON.stringify(x).length, 0) / summaries.length);
    const fullBytes = Math.round(items.slice(0, 100).reduce((n, x) => n + JSON.stringify(x).length, 0) / 100);
    console.error(`bench dashboard: seeded ${items.length} items (${fullBytes} B each), summaries ${summaryBytes} B each`);

    // The real handlers, configured for this province and table.
    registerProvince(province);
    Object.assign(process.env, {
      TABLE_NAME: TABLE,
      PROVINCE_ID: province.id,
      DYNAMODB_ENDPOINT: endpoint,
      BUCKET_NAME: 'unused',
      LOG_LEVEL: 'error',
    });
    const ranking = (await import('../functions/rank-and-publish.js')).handler as unknown as Handler;
    const reports = (await import('../functions/export-reports.js')).handler as unknown as Handler;
    const call = (h: Handler, routeKey: string, params: Record<string, string>) =>
      h(
        {
          routeKey,
          rawPath: '',
          headers: {},
          pathParameters: params,
          isBase64Encoded: false,
          requestContext: {
            authorizer: {
              jwt: { claims: { sub: 'bench', name: 'Sở Nội vụ', role: 'province', unitId: province.id }, scopes: null },
            },
          },
        } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer,
        { awsRequestId: 'bench' } as Context,
      );

    // Bare: a paged query of a partition's items with a prefix, nothing else.
    const bare = (pk: string, prefix: string) => async () => {
      let n = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const r = await doc.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
            ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
            ExclusiveStartKey: start,
          }),
        );
        n += r.Items?.length ?? 0;
        start = r.LastEvaluatedKey;
      } while (start);
      if (n !== DISTRICTS * PER_DISTRICT) throw new Error(`queried ${n}`);
      return n;
    };
    const floor = bare('FLOOR', '');
    const fullItems = bare(`CYCLE#${CYCLE}`, 'ASMT#');
    // The handler's time (its answer is checked after the clock stops: parsing it is the client's work).
    const results = (routeKey: string) => async () => call(ranking, routeKey, { cycleId: CYCLE });
    const checked = (routeKey: string, r: APIGatewayProxyStructuredResultV2) => {
      if (r.statusCode !== 200) throw new Error(`${routeKey} ${r.statusCode}: ${r.body}`);
      const body = JSON.parse(r.body!) as { rows: unknown[] };
      if (body.rows.length !== DISTRICTS * PER_DISTRICT) throw new Error(`${routeKey}: ranked ${body.rows.length}`);
    };
    const CONSOLIDATED = 'GET /api/cycles/{cycleId}/consolidated';
    const PUBLIC = 'GET /api/cycles/{cycleId}/results';
    const consolidated = results(CONSOLIDATED);
    const publicResults = results(PUBLIC);
    const timed = async (routeKey: string, f: () => Promise<APIGatewayProxyStructuredResultV2>) => {
      const m = await measure(f);
      checked(routeKey, m.value);
      return m.ms;
    };
    // Warm: module init, caches.
    await floor();
    await fullItems();
    checked(CONSOLIDATED, await consolidated());
    checked(PUBLIC, await publicResults());
    const times = { floor: [] as number[], full: [] as number[], server: [] as number[], public: [] as number[] };
    for (let i = 0; i < 5; i++) {
      times.floor.push((await measure(floor)).ms);
      times.server.push(await timed(CONSOLIDATED, consolidated));
      times.public.push(await timed(PUBLIC, publicResults));
    }
    for (let i = 0; i < 3; i++) times.full.push((await measure(fullItems)).ms);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const floorMs = median(times.floor);
    const floorName = `truy vấn trơn 10.000 mục cỡ bản tóm tắt (${summaryBytes} B)`;

    const appendix = await measure(() =>
      call(reports, 'GET /api/cycles/{cycleId}/rankings/{districtId}/appendix-2.xlsx', { cycleId: CYCLE, districtId: 'huyen-1' }),
    );
    const workbook = await measure(() => call(reports, 'GET /api/cycles/{cycleId}/consolidated.xlsx', { cycleId: CYCLE }));
    for (const r of [appendix.value, workbook.value])
      if (r.statusCode !== 200) throw new Error(`xlsx ${r.statusCode}: ${r.body}`);

    const server = median(times.server);
    const pub = median(times.public);
    return [
      {
        name: 'Tổng hợp toàn tỉnh (bảng điều khiển + xếp hạng), 10.000 xã — thời gian máy chủ',
        value: server,
        unit: 'ms',
        baseline: { name: floorName, value: floorMs },
        goal: '≤ 1000 ms và ≤ 1,5× baseline',
        met: server <= 1000 && server <= 1.5 * floorMs,
      },
      {
        name: 'Kết quả công khai, 10.000 xã — thời gian máy chủ',
        value: pub,
        unit: 'ms',
        baseline: { name: floorName, value: floorMs },
        goal: '≤ 1000 ms',
        met: pub <= 1000,
      },
      {
        name: `Truy vấn trơn 10.000 hồ sơ đầy đủ (${fullBytes} B, cách đọc trước đây) — tham chiếu`,
        value: median(times.full),
        unit: 'ms',
        baseline: { name: floorName, value: floorMs },
        goal: 'tham khảo',
        met: true,
      },
      { name: 'Phụ lục II, huyện 500 xã — thời gian', value: appendix.ms, unit: 'ms', goal: '≤ 300 ms', met: appendix.ms <= 300 },
      {
        name: 'Phụ lục II, huyện 500 xã — bộ nhớ đỉnh (heap đã cấp + bộ đệm ngoài heap, tăng thêm)',
        value: appendix.peakMb,
        unit: 'MB',
        goal: 'tham khảo',
        met: true,
      },
      {
        name: 'Sổ tổng hợp toàn tỉnh, 10.000 xã — thời gian',
        value: workbook.ms,
        unit: 'ms',
        goal: '≤ 3000 ms',
        met: workbook.ms <= 3000,
      },
      {
        name: 'Sổ tổng hợp toàn tỉnh, 10.000 xã — bộ nhớ đỉnh (heap đã cấp + bộ đệm ngoài heap, tăng thêm)',
        value: workbook.peakMb,
        unit: 'MB',
        goal: '≤ 100 MB',
        met: workbook.peakMb <= 100,
      },
    ];
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Handler = (e: APIGatewayProxyEventV2WithJWTAuthorizer, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
