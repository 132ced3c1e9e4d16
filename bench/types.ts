/** One figure printed by `npm run bench`, always beside a baseline measured in the same run. */
export interface BenchResult {
  /** What was measured, e.g. "Chấm và xếp hạng 10.000 xã × 119 dòng". */
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** The goal as the issue states it, e.g. "≤ 3× baseline" or "≤ 150 KB". */
  goal: string;
  met: boolean;
}

export type Bench = () => Promise<BenchResult[]>;
