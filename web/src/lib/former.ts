/**
 * A province-level cycle has one appraising unit, the province: the dashboard's charts by unit then go
 * by the district each commune lay in before the merger (`formerDistrictId`, named from the earlier
 * organisation's units). Class counts and average indices follow from the consolidated rows; the
 * achievement per area and the weaknesses are only answered province-wide, so they stay so.
 */
import type { ClassCode } from '$shared/framework';
import { meanHundredths } from '$shared/scoring';
import { roundToHundredths as h, toPoints } from '$shared/points';
import type { ConsolidatedRow } from './results';

export const OTHER = 'khac';

export interface FormerDistrict {
  id: string;
  name: string;
}

export function formerDistrictsOf(rows: ConsolidatedRow[], names: Record<string, string>): FormerDistrict[] {
  const ids = [...new Set(rows.map((r) => r.formerDistrictId ?? OTHER))];
  const collator = new Intl.Collator('vi');
  return ids
    .map((id) => ({ id, name: id === OTHER ? 'Chưa xác định huyện cũ' : (names[id] ?? `Huyện cũ (${id})`) }))
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
