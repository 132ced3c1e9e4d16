/**
 * "Chấm và xếp hạng 10.000 xã × 119 dòng": the one scoring path (scoreLeaves + rankByIndex) against a
 * bare loop over the same numbers in the same run. Scores are generated up front (not timed) from a
 * seeded PRNG, valid for the catalog (0 ≤ score ≤ each row's maximum, some "(nếu có)" rows not applicable).
 */
import { decision4203Document } from '../shared/frameworks/from-catalog.js';
import type { FrameworkDocument } from '../shared/frameworks/model.js';
import { frameworkFromDocument } from '../shared/frameworks/runtime.js';
import { rankByIndex, scoreLeaves, type RankInput } from '../shared/scoring.js';
import type { BenchResult } from './types.js';

const COMMUNES = 10_000;
const WARMUP = 5;
const REPETITIONS = 31;
const GOAL_RATIO = 3;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'An',
  'Bình',
  'Phúc',
  'Đồng',
  'Hòa',
  'Tân',
  'Minh',
  'Quang',
  'Sơn',
  'Thịnh',
  'Yên',
  'Lương',
  'Ðức',
  'Úc',
  'Kỳ',
];

interface Data {
  leaves: number;
  scores: Int32Array;
  notApplicable: Uint8Array;
  ids: string[];
  names: string[];
}

/**
 * Decision 4203 loaded from data as the product loads it (issue 22): the stored document, read back from
 * its JSON text (as a cycle's snapshot is), made into the tree every reader uses.
 */
const fw4203 = frameworkFromDocument(JSON.parse(JSON.stringify(decision4203Document())) as FrameworkDocument);

function generate(): Data {
  const fw = fw4203;
  const L = fw.leaves.length;
  const rand = prng(4203);
  const scores = new Int32Array(COMMUNES * L);
  const notApplicable = new Uint8Array(COMMUNES * L);
  const ids: string[] = [];
  const names: string[] = [];
  for (let c = 0; c < COMMUNES; c++) {
    ids.push(`xa-${String(c).padStart(5, '0')}`);
    names.push(
      `${c % 3 === 0 ? 'Phường' : 'Xã'} ${SYLLABLES[Math.floor(rand() * SYLLABLES.length)]} ${SYLLABLES[Math.floor(rand() * SYLLABLES.length)]}`,
    );
    // A commune's overall quality, so indexes spread over every class (and tie often, as real ones do).
    const quality = 0.45 + 0.55 * rand();
    for (let i = 0; i < L; i++) {
      const leaf = fw.leaves[i]!;
      const k = c * L + i;
      if (leaf.notApplicableAllowed && rand() < 0.2) {
        notApplicable[k] = 1;
        scores[k] = -1;
        continue;
      }
      // Whole quarter points mostly, as officials score; sometimes any hundredth.
      const raw = Math.min(leaf.max, Math.round(leaf.max * Math.min(1, quality + 0.3 * (rand() - 0.5))));
      scores[k] = rand() < 0.8 ? Math.floor(raw / 25) * 25 : raw;
    }
  }
  return { leaves: L, scores, notApplicable, ids, names };
}

function scoreAndRank(d: Data): number {
  const fw = fw4203;
  const L = d.leaves;
  const entries: RankInput[] = new Array(COMMUNES);
  for (let c = 0; c < COMMUNES; c++) {
    const t = scoreLeaves(fw, d.scores.subarray(c * L, c * L + L), d.notApplicable.subarray(c * L, c * L + L));
    entries[c] = { id: d.ids[c]!, index: t.displayed, name: d.names[c]! };
  }
  const ranked = rankByIndex(entries);
  return ranked[0]!.entry.index + ranked[ranked.length - 1]!.rank;
}

function bareLoop(d: Data): number {
  const L = d.leaves;
  const s = d.scores;
  const sums: number[] = new Array(COMMUNES);
  for (let c = 0; c < COMMUNES; c++) {
    let sum = 0;
    for (let i = c * L, end = c * L + L; i < end; i++) sum += s[i]!;
    sums[c] = sum;
  }
  sums.sort((a, b) => b - a);
  return sums[0]! + sums[COMMUNES - 1]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function run(): Promise<BenchResult[]> {
  const data = generate();
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) sink += scoreAndRank(data) + bareLoop(data);
  const value: number[] = [];
  const baseline: number[] = [];
  // Interleaved, in alternating order, so that a slow moment of the machine falls on both alike.
  const timed = (f: (d: Data) => number, into: number[]) => {
    const t = performance.now();
    sink += f(data);
    into.push(performance.now() - t);
  };
  for (let i = 0; i < REPETITIONS; i++) {
    if (i % 2 === 0) {
      timed(scoreAndRank, value);
      timed(bareLoop, baseline);
    } else {
      timed(bareLoop, baseline);
      timed(scoreAndRank, value);
    }
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  const v = median(value);
  const b = median(baseline);
  return [
    {
      name: `Chấm và xếp hạng ${COMMUNES.toLocaleString('vi-VN')} xã × ${data.leaves} dòng (scoreLeaves + rankByIndex, trung vị ${REPETITIONS} lần)`,
      value: v,
      unit: 'ms',
      baseline: { name: 'vòng lặp cộng 119 số mỗi xã + sắp xếp số', value: b },
      goal: `≤ ${GOAL_RATIO}× baseline`,
      met: v <= GOAL_RATIO * b,
    },
  ];
}
