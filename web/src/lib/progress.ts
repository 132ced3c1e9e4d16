/**
 * How far a form has come, as its totals bar says it. The self-assessment counts every row the commune
 * has dealt with: scored, or marked not applicable (its own decision). The appraisal counts only the
 * applicable rows: a row the commune marked not applicable has nothing to appraise, so counting it as
 * done would read "Đã thẩm định 1/119" before anything was appraised.
 */
import type { SideTotals } from '$shared/scoring';

export function progressOf(
  side: 'self' | 'appraisal',
  t: Pick<SideTotals, 'scored' | 'applicable'>,
  rows: number,
): { done: number; total: number } {
  if (side === 'appraisal') return { done: t.scored, total: t.applicable };
  return { done: t.scored + (rows - t.applicable), total: rows };
}
