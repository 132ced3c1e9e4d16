/**
 * The province-level dashboard's former districts and year over year (issue 21 items 7 and 21): a
 * former district is shown by its name, never its id; a merged commune's change since the earlier
 * year; and the province-wide comparison like with like when some communes have no earlier result.
 */
import { describe, expect, it } from 'vitest';
import { changeText, formerDistrictsOf, likeForLike } from '../../src/lib/former';
import type { ConsolidatedRow, YearPoint } from '../../src/lib/results';

const row = (unitId: string, index: number, formerDistrictId?: string): ConsolidatedRow => ({
  rank: 1,
  districtRank: 1,
  block: 'all',
  appraisingUnitId: 'tn',
  districtId: 'tn',
  districtName: 'Tỉnh Thái Nguyên',
  unitId,
  unitName: unitId,
  unitKind: 'xa',
  status: 'APPRAISED',
  statusLabel: 'Đã thẩm định',
  late: false,
  self: { points: index, index, main: index, bonus: 0, penalty: 0, percent: index },
  appraised: { points: index, index, main: index, bonus: 0, penalty: 0, percent: index },
  class: 'tot',
  ...(formerDistrictId ? { formerDistrictId } : {}),
});

const earlier = (units: [string, number | null][]) => {
  const known = units.flatMap(([, i]) => (i === null ? [] : [i]));
  return {
    organisationId: 'old',
    units: units.map(([unitId, index]) => ({ unitId, unitName: unitId, index })),
    mean: known.length ? known.reduce((s, x) => s + x, 0) / known.length : null,
    weaknesses: [],
  };
};

describe('former districts', () => {
  it('are named from the names given, an unnamed id never shown as such', () => {
    const rows = [row('a', 80, 'tp-bac-kan'), row('b', 70, 'cho-moi'), row('c', 60)];
    const names = { 'tp-bac-kan': 'Thành phố Bắc Kạn', 'cho-moi': 'Huyện Chợ Mới' };
    const shown = formerDistrictsOf(rows, names).map((d) => d.name);
    expect(shown).toEqual(['Huyện Chợ Mới', 'Thành phố Bắc Kạn', 'Chưa xác định huyện cũ']);
    // Without its name, the id stays out of the text.
    const bare = formerDistrictsOf([row('a', 80, 'tp-bac-kan')], {}).map((d) => d.name);
    expect(bare.join(' ')).not.toContain('tp-bac-kan');
  });
});

describe('year over year', () => {
  it('a merged commune shows its change since the earlier mean, signed, in hundredths', () => {
    expect(changeText(89.5, 78)).toBe('+11,50');
    expect(changeText(77.67, 80)).toBe('−2,33');
    expect(changeText(80, 80)).toBe('0,00');
    // 0,1 + 0,2 in floating point is 0,30000000000000004: hundredths keep it exact.
    expect(changeText(0.3, 0.1 + 0.2)).toBe('0,00');
  });

  it('province-wide, like with like: the communes with an earlier result beside the earlier units they were formed from', () => {
    const rows = [row('m1', 90, 'tp'), row('m2', 80, 'tp'), row('bk1', 60, 'cho-moi'), row('bk2', 50, 'cho-moi')];
    const point: YearPoint = {
      cycleId: '2024',
      year: 2024,
      organisationId: 'old',
      averageIndex: 72.5,
      byDistrict: {},
      byUnit: {
        // m1 formed from a (70) and b (75); m2 from b (split) and c (not appraised): b counts once.
        m1: earlier([
          ['a', 70],
          ['b', 75],
        ]),
        m2: earlier([
          ['b', 75],
          ['c', null],
        ]),
        // Formed from units no 2024 cycle covered.
        bk1: earlier([]),
      },
    };
    const like = likeForLike(rows, point);
    expect(like).toEqual({
      year: 2024,
      appraised: 4,
      withHistory: 2,
      // (90 + 80) / 2; (70 + 75) / 2.
      now: 85,
      then: 72.5,
      without: 2,
      withoutFormer: ['cho-moi'],
    });
  });
});
