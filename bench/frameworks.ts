/**
 * "Nhập bộ tiêu chí 500 dòng từ Excel" (issue 22, item 9: ≤ 1 s): a framework of 500 rows (20 areas, each
 * with 24 rows, guidance on every leaf) exported in the decision's appendix layout, then imported by
 * the route's reader (functions/lib/framework-xlsx.ts: hostile-input checks, the sheet read, the tree
 * rebuilt and every figure parsed). Baseline, same run: inflating every part of the same file (what any
 * reader must do before reading a cell).
 */
import { inflateRawSync } from 'node:zlib';
import { exportFrameworkXlsx, importFrameworkXlsx } from '../functions/lib/framework-xlsx.js';
import type { FrameworkDefinitionDoc } from '../shared/frameworks/table.js';
import type { FrameworkDocNode } from '../shared/frameworks/model.js';
import { toRoman } from '../shared/frameworks/validate.js';
import type { BenchResult } from './types.js';

const AREAS = 20;
const PER_AREA = 25;
const REPETITIONS = 9;
const GOAL_MS = 1000;

function definition(): FrameworkDefinitionDoc {
  const items: FrameworkDocNode[] = [];
  for (let a = 1; a <= AREAS; a++) {
    const children: FrameworkDocNode[] = [];
    for (let c = 1; c <= PER_AREA - 1; c++)
      children.push({
        code: `${a}.${c}`,
        title: `Tiêu chí ${a}.${c}: thực hiện đúng quy định về cải cách thủ tục hành chính, có văn bản chỉ đạo`,
        maxPoints: 25,
        kind: 'score',
        guidance: 'Đủ, đúng hạn: điểm tối đa; chậm: một nửa; không thực hiện: 0 điểm. Tài liệu kiểm chứng: văn bản của UBND.',
        notApplicableAllowed: c % 7 === 0,
        children: [],
      });
    items.push({
      code: toRoman(a),
      title: `Lĩnh vực ${a}`,
      maxPoints: 25 * (PER_AREA - 1),
      kind: 'group',
      notApplicableAllowed: false,
      children,
    });
  }
  const total = items.reduce((s, n) => s + n.maxPoints, 0);
  return {
    title: 'Bộ tiêu chí 500 dòng (đo tốc độ)',
    years: [2027],
    display: 'points',
    classBands: [
      { class: 'xuat-sac', label: 'Xuất sắc', minIndex: Math.round(total * 0.9) },
      { class: 'yeu', label: 'Yếu', minIndex: 0 },
    ],
    notApplicablePolicy: 'rescale',
    total,
    sets: [{ id: 'chung', title: 'Tiêu chí chung', unitKinds: ['xa', 'phuong', 'dac-khu', 'thi-tran'], items }],
  };
}

/** Every part of a zip inflated, by its central directory. */
function inflateAll(bytes: Buffer): number {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    total += (method === 8 ? inflateRawSync(data) : data).length;
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchResult[]> {
  const def = definition();
  const rows = def.sets[0]!.items.reduce((n, a) => n + 1 + a.children.length, 0);
  const bytes = exportFrameworkXlsx(def);
  const value: number[] = [];
  const baseline: number[] = [];
  let sink = 0;
  for (let i = 0; i < REPETITIONS; i++) {
    let t = performance.now();
    const r = importFrameworkXlsx(bytes, 'bo-tieu-chi.xlsx');
    value.push(performance.now() - t);
    if (!r.ok) throw new Error(`the bench's own file was refused: ${JSON.stringify(r.problems)}`);
    sink += r.definition.sets[0]!.items.length;
    t = performance.now();
    sink += inflateAll(bytes);
    baseline.push(performance.now() - t);
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  const v = median(value);
  return [
    {
      name: `Nhập bộ tiêu chí ${rows} dòng từ Excel (${Math.round(bytes.length / 1024)} KB; trung vị ${REPETITIONS} lần)`,
      value: v,
      unit: 'ms',
      baseline: { name: 'giải nén mọi phần của cùng tệp', value: median(baseline) },
      goal: `≤ ${GOAL_MS} ms`,
      met: v <= GOAL_MS,
    },
  ];
}
