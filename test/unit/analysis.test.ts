/**
 * A district's ranking and the consolidated averages leave a commune that is not appraised out (issue
 * 10, item 1): no rank, no class, no place in a class count, and no average of nothing (null, not 0).
 */
import { describe, expect, it } from 'vitest';
import { averageIndex, consolidate, rankAssessments } from '../../shared/analysis.js';
import { getFramework, type Assessment, type AssessmentStatus, type StoredRow } from '../../shared/index.js';
import { pointsOf, rankingRow, resultsBody, resultsResponse, yearPointOf, yearPoint } from '../../shared/api/rankings.js';

const fw = getFramework('thai-nguyen-4203-2021')!;

/** Every leaf at its maximum, less `loss` hundredths on the first leaf (appraised), or no scores at all. */
function commune(unitId: string, unitName: string, districtId: string, status: AssessmentStatus, loss?: number): Assessment {
  const rows: Record<string, StoredRow> = {};
  // `loss` hundredths taken off the first leaves' appraised scores (none below 0, as the rules allow).
  let left = loss ?? 0;
  if (loss !== undefined)
    fw.leaves.forEach((l) => {
      const off = Math.min(left, l.max);
      left -= off;
      rows[l.code] = { self: l.max, appraised: l.max - off };
    });
  return {
    cycleId: '2026',
    unitId,
    unitName,
    unitKind: 'xa',
    districtId,
    provinceId: 'thai-nguyen',
    frameworkId: fw.id,
    status,
    selfLocked: status !== 'DRAFT',
    version: 1,
    rows,
    updatedAt: '2026-11-20T08:00:00+07:00',
  };
}

describe('rankAssessments', () => {
  it('ranks the appraised communes among themselves and lists the others after them, by name, with no rank and no class', () => {
    const rows = rankAssessments(fw, [
      commune('c', 'Xã Cù Vân', 'd1', 'DRAFT'),
      commune('a', 'Xã An Khánh', 'd1', 'APPRAISED', 50),
      commune('b', 'Xã Bình Sơn', 'd1', 'IN_APPRAISAL', 0),
      commune('e', 'Xã Đại Phúc', 'd1', 'PUBLISHED', 0),
      commune('s', 'Xã Sơn Cẩm', 'd1', 'SUBMITTED', 0),
    ]);
    expect(rows.map((r) => [r.unitId, r.rank, r.class])).toEqual([
      ['e', 1, 'xuat-sac'],
      ['a', 2, 'xuat-sac'],
      // "Bình" before "Cù" before "Sơn" in Vietnamese order; a full partial appraisal (b) still has no rank.
      ['b', null, null],
      ['c', null, null],
      ['s', null, null],
    ]);
    // Their totals are what has been entered so far: the draft's zero is not a result.
    expect(rows.find((r) => r.unitId === 'c')!.appraised).toEqual({
      points: 0,
      index: 0,
      main: 0,
      bonus: 0,
      penalty: 0,
      percent: 0,
      displayed: 0,
    });
  });
});

describe('averageIndex and consolidate', () => {
  it('averages half-up in hundredths, and is null (not 0) when nothing is appraised', () => {
    expect(averageIndex([])).toBeNull();
    expect(averageIndex([9500, 8500, 8000, 6334])).toBe(8084); // 80,835 → 80,84
    expect(averageIndex([0])).toBe(0);
  });

  it('counts only appraised communes in classes and averages; a district with none has a null average', () => {
    const c = consolidate(
      fw,
      [
        commune('a', 'Xã An Khánh', 'd1', 'APPRAISED', 500),
        commune('b', 'Xã Bình Sơn', 'd1', 'DRAFT'),
        commune('c', 'Xã Cù Vân', 'd2', 'DRAFT'),
        commune('d', 'Xã Dân Tiến', 'd2', 'IN_APPRAISAL', 0),
      ],
      () => 'OPEN',
    );
    expect(c.averageIndex.total).toBe(9500);
    expect(c.averageIndex.byDistrict).toEqual({ d1: 9500, d2: null });
    expect(c.classCounts.total).toEqual({ 'xuat-sac': 1, tot: 0, kha: 0, 'trung-binh': 0, yeu: 0 });
    expect(c.classCounts.byDistrict.d2).toBeUndefined();
    expect(c.rows.map((r) => [r.unitId, r.rank, r.districtRank])).toEqual([['a', 1, 1]]);

    const none = consolidate(fw, [commune('b', 'Xã Bình Sơn', 'd1', 'SUBMITTED', 0)], () => 'OPEN');
    expect(none.averageIndex).toEqual({ total: null, byDistrict: { d1: null } });
    expect(Object.values(none.classCounts.total).every((n) => n === 0)).toBe(true);
  });
});

describe('the response mappers', () => {
  it('answer null for a district with nothing appraised, in the results and the year-over-year point, and the schemas say so', () => {
    const list = [commune('a', 'Xã An Khánh', 'd1', 'APPRAISED', 500), commune('c', 'Xã Cù Vân', 'd2', 'DRAFT')];
    const cycle = {
      id: '2026',
      year: 2026,
      frameworkId: fw.id,
      status: 'OPEN',
      selfAssessmentDeadline: '2026-12-01T17:00:00+07:00',
      organisationId: 'test-2021',
      appraisingLevel: 'district',
    } as const;
    const body = resultsBody(
      cycle,
      fw,
      consolidate(fw, list, () => 'OPEN'),
      {
        districts: [
          { id: 'd1', name: 'Huyện Một' },
          { id: 'd2', name: 'Huyện Hai' },
          { id: 'd3', name: 'Huyện Ba' },
        ],
        districtName: (d) => d,
        statusOf: () => 'OPEN',
        published: false,
        organisationId: 'test-2021',
        level: 'district',
        blocks: [],
      },
    );
    expect(resultsResponse.parse(body).districts.map((d) => [d.id, d.averageIndex])).toEqual([
      ['d1', 95],
      ['d2', null],
      ['d3', null],
    ]);
    expect(yearPoint.parse(yearPointOf(body))).toEqual({
      cycleId: '2026',
      year: 2026,
      organisationId: 'test-2021',
      averageIndex: 95,
      byDistrict: { d1: 95, d2: null, d3: null },
      byUnit: {},
    });
    const draft = rankingRow.parse(pointsOf(rankAssessments(fw, list).find((r) => r.unitId === 'c')!));
    expect([draft.rank, draft.class]).toEqual([null, null]);
    // Nothing appraised at all: no province average either.
    const empty = resultsBody(
      cycle,
      fw,
      consolidate(fw, [list[1]!], () => 'OPEN'),
      {
        districts: [{ id: 'd2', name: 'Huyện Hai' }],
        districtName: (d) => d,
        statusOf: () => 'OPEN',
        published: false,
        organisationId: 'test-2021',
        level: 'district',
        blocks: [],
      },
    );
    expect(resultsResponse.parse(empty).averageIndex).toBeNull();
  });
});
