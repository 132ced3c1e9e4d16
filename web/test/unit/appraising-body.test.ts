/**
 * Issue 21, items 8 and 27: the commune's home names the cycle's own appraising council and approving
 * chairman at every step (the province's in a province-level cycle, never "cấp huyện"), and a returned
 * assessment is said to be returned and to need resubmitting, never "chưa nộp"; item 17: once
 * published, the home gives the commune's rank within its appraising unit and block, in any cycle.
 */
import { describe, expect, it } from 'vitest';
import { appraisingBody, rankingChair } from '../../src/lib/appraising';
import { homeScore, placeOf } from '../../src/lib/home-score';
import type { ResultsResponse } from '$shared/api/rankings';
import { appraisingBodyNames } from '$shared/labels';
import { ASSESSMENT_STATUSES } from '$shared/lifecycle';

describe('the appraising body of a cycle', () => {
  it('is the province’s council and chairman at province level, whatever unit name is given', () => {
    for (const name of [undefined, 'Tỉnh Thái Nguyên', 'Thành phố Thái Nguyên'])
      expect(appraisingBodyNames('province', name)).toEqual({ council: 'Hội đồng thẩm định tỉnh', chair: 'Chủ tịch UBND tỉnh' });
  });

  it('is the named district’s at district level, its kind in lower case; "cấp huyện" only without a name', () => {
    expect(appraisingBodyNames('district', 'Thành phố Sông Công')).toEqual({
      council: 'Hội đồng thẩm định thành phố Sông Công',
      chair: 'Chủ tịch UBND thành phố Sông Công',
    });
    expect(appraisingBodyNames('district', 'Huyện Phú Bình').council).toBe('Hội đồng thẩm định huyện Phú Bình');
    expect(appraisingBodyNames('district')).toEqual({
      council: 'Hội đồng thẩm định cấp huyện',
      chair: 'Chủ tịch UBND cấp huyện',
    });
  });

  it('is what the other screens’ helpers say (one place names them)', () => {
    for (const level of ['province', 'district'] as const) {
      expect(appraisingBody(level, 'Huyện Phú Bình')).toBe(appraisingBodyNames(level, 'Huyện Phú Bình').council);
      expect(rankingChair(level)).toBe(appraisingBodyNames(level).chair);
    }
  });
});

describe('the commune home’s score note names the cycle’s body', () => {
  const province = appraisingBodyNames('province');
  const district = appraisingBodyNames('district', 'Thành phố Thái Nguyên');

  it('in a province-level cycle, no step mentions a district', () => {
    for (const s of ASSESSMENT_STATUSES) expect(homeScore(s, province).note).not.toMatch(/huyện/);
    expect(homeScore('SUBMITTED', province).note).toContain('Hội đồng thẩm định tỉnh đang thẩm định');
    expect(homeScore('IN_APPRAISAL', province).note).toContain('Hội đồng thẩm định tỉnh đang thẩm định');
    expect(homeScore('APPRAISED', province).note).toContain('chờ Chủ tịch UBND tỉnh phê duyệt');
    expect(homeScore('APPROVED', province).note).toContain('Chủ tịch UBND tỉnh đã phê duyệt');
  });

  it('in a district-level cycle, the district by name', () => {
    expect(homeScore('SUBMITTED', district).note).toContain('Hội đồng thẩm định thành phố Thái Nguyên đang thẩm định');
    expect(homeScore('APPRAISED', district).note).toContain('chờ Chủ tịch UBND thành phố Thái Nguyên phê duyệt');
  });

  it('a returned assessment is returned and must be resubmitted, not "chưa nộp"', () => {
    const note = homeScore('RETURNED', province).note;
    expect(note).not.toContain('chưa nộp');
    expect(note).toContain('Hội đồng thẩm định tỉnh đã trả lại hồ sơ');
    expect(note).toContain('nộp lại');
    expect(homeScore('DRAFT', province).note).toContain('chưa nộp');
  });
});

describe('the commune’s published rank on its home, in any cycle', () => {
  type Row = ResultsResponse['rows'][number];
  const row = (unitId: string, districtId: string, districtName: string, block: string, districtRank: number) =>
    ({ unitId, districtId, districtName, block, districtRank, rank: 0 }) as unknown as Row;

  it('a district-level cycle: within the commune’s own district, out of that district’s communes', () => {
    const all = { id: 'all', label: 'Tất cả đơn vị', kinds: [] };
    const rows = [
      row('a1', 'tp-tn', 'Thành phố Thái Nguyên', 'all', 1),
      row('b1', 'song-cong', 'Thành phố Sông Công', 'all', 1),
      row('a2', 'tp-tn', 'Thành phố Thái Nguyên', 'all', 2),
      row('b2', 'song-cong', 'Thành phố Sông Công', 'all', 2),
      row('a3', 'tp-tn', 'Thành phố Thái Nguyên', 'all', 3),
    ];
    expect(placeOf({ rows, blocks: [all] }, 'a2')).toEqual({ rank: 2, of: 3, scope: 'Thành phố Thái Nguyên' });
    expect(placeOf({ rows, blocks: [all] }, 'b1')).toEqual({ rank: 1, of: 2, scope: 'Thành phố Sông Công' });
  });

  it('a province-level cycle with blocks: within the block, which is named', () => {
    const blocks = [
      { id: 'phuong', label: 'Phường', kinds: [] },
      { id: 'xa', label: 'Xã và đặc khu', kinds: [] },
    ];
    const rows = [
      row('p1', 'thai-nguyen', 'Tỉnh Thái Nguyên', 'phuong', 1),
      row('p2', 'thai-nguyen', 'Tỉnh Thái Nguyên', 'phuong', 2),
      row('x1', 'thai-nguyen', 'Tỉnh Thái Nguyên', 'xa', 1),
    ];
    expect(placeOf({ rows, blocks }, 'x1')).toEqual({ rank: 1, of: 1, block: 'Xã và đặc khu', scope: 'Tỉnh Thái Nguyên' });
    expect(placeOf({ rows, blocks }, 'p2')).toEqual({ rank: 2, of: 2, block: 'Phường', scope: 'Tỉnh Thái Nguyên' });
  });

  it('no rank where the commune’s ranking is not published', () => {
    expect(placeOf({ rows: [], blocks: [] }, 'a1')).toBeNull();
  });
});
