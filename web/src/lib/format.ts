/**
 * The shared vi-VN formatters, memoised: the form re-renders about a hundred subtotals per keystroke
 * and `toLocaleString('vi-VN')` builds a new formatter on every call (~10 µs each, 4× that on a cheap
 * phone). The values are integer hundredths, so the caches stay small.
 */
import { formatFixed2 as fixed2, formatPoints as points } from '$shared/format';
export { formatPercent } from '$shared/format';
import type { Hundredths } from '$shared/framework';

function memo(fn: (h: Hundredths) => string): (h: Hundredths) => string {
  const cache = new Map<number, string>();
  return (h) => {
    let s = cache.get(h);
    if (s === undefined) {
      s = fn(h);
      if (cache.size < 50_000) cache.set(h, s);
    }
    return s;
  };
}

const pointsMemo = memo(points);
/** What a score field holds (an input keeps what the official typed: 0,5; 1). */
export const formatPoints = (h: Hundredths | null | undefined): string => (h === null || h === undefined ? '' : pointsMemo(h));
/**
 * Every figure shown for comparison, in one style with two decimals (88,70; 100,00): totals,
 * subtotals, indexes, differences, the other side's score beside the field (issue 21, item 26).
 */
export const formatFixed2 = memo(fixed2);
