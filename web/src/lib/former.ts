/**
 * A province-level cycle has one appraising unit, the province: the dashboard's charts by unit then go
 * by the district each commune lay in before the merger (`formerDistrictId`, named from the earlier
 * organisation's units). Class counts and average indices follow from the consolidated rows; the
 * achievement per area and the weaknesses are only answered province-wide, so they stay so.
 */
import type { ClassCode } from '$shared/framework';
import { meanHundredths } from '$shared/scoring';
import { roundToHundredths as h, toPoints } from '$shared/points';
import type { ConsolidatedRow, YearPoint } from './results';
import { formatFixed2 } from '$shared/format';

export const OTHER = 'khac';

export interface FormerDistrict {
  id: string;
  name: string;
}

export function formerDistrictsOf(rows: ConsolidatedRow[], names: Record<string, string>): FormerDistrict[] {
  const ids = [...new Set(rows.map((r) => r.formerDistrictId ?? OTHER))];
  const collator = new Intl.Collator('vi');
  return ids
    .map((id) => ({ id, name: id === OTHER ? 'Chưa xác định huyện cũ' : (names[id] ?? 'Huyện cũ không rõ tên') }))
    .sort((a, b) => (a.id === OTHER ? 1 : b.id === OTHER ? -1 : collator.compare(a.name, b.name)));
}

export function classCountsByFormer(rows: ConsolidatedRow[]): Record<string, Record<ClassCode, number>> {
  const out: Record<string, Record<ClassCode, number>> = {};
  for (const r of rows) {
    const k = r.formerDistrictId ?? OTHER;
    const c = (out[k] ??= { 'xuat-sac': 0, tot: 0, kha: 0, 'trung-binh': 0, yeu: 0 });
    c[r.class] += 1;
  }
  return out;
}

/** Mean appraised index per former district, in points (null where none is appraised). */
export function averageByFormer(rows: ConsolidatedRow[]): Record<string, number | null> {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const k = r.formerDistrictId ?? OTHER;
    by.set(k, [...(by.get(k) ?? []), h(r.appraised.index)]);
  }
  return Object.fromEntries(
    [...by].map(([k, v]) => {
      const m = meanHundredths(v);
      return [k, m === null ? null : toPoints(m)];
    }),
  );
}

/** A change of index between two years, signed ("+11,50", "−2,25", "0,00"); hundredths, so no float drift. */
export function changeText(now: number, then: number): string {
  const d = h(now) - h(then);
  return (d > 0 ? '+' : d < 0 ? '−' : '') + formatFixed2(Math.abs(d));
}

/**
 * Year over year province-wide, like with like: this year's mean includes communes with no result in
 * the earlier year (formed from units no cycle of that year covered, e.g. Bắc Kạn's), the earlier
 * year's does not. So: the communes of this year with an earlier result and their mean now, beside the
 * mean of the earlier units they were formed from (each earlier unit once); and those without, by
 * former district.
 */
export interface LikeForLike {
  year: number;
  /** Appraised communes this year. */
  appraised: number;
  /** Of those, the ones with an earlier result: their count and their mean this year and then (points). */
  withHistory: number;
  now: number | null;
  then: number | null;
  /** The appraised communes without an earlier result, and the former districts they lay in (ids). */
  without: number;
  withoutFormer: string[];
}

export function likeForLike(rows: ConsolidatedRow[], point: YearPoint): LikeForLike {
  const withHistory = rows.filter((r) => point.byUnit[r.unitId]?.mean != null);
  const without = rows.filter((r) => point.byUnit[r.unitId]?.mean == null);
  const earlier = new Map<string, number>();
  for (const r of withHistory)
    for (const u of point.byUnit[r.unitId]!.units) if (u.index !== null) earlier.set(u.unitId, h(u.index));
  const mean = (v: number[]) => {
    const m = meanHundredths(v);
    return m === null ? null : toPoints(m);
  };
  return {
    year: point.year,
    appraised: rows.length,
    withHistory: withHistory.length,
    now: mean(withHistory.map((r) => h(r.appraised.index))),
    then: mean([...earlier.values()]),
    without: without.length,
    withoutFormer: [...new Set(without.map((r) => r.formerDistrictId ?? OTHER))],
  };
}
