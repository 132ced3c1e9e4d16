/**
 * The council's list (issue 21): its counters keep the reports waiting for the appraisal apart from
 * those being appraised (item 22), and the deadline the "Gia hạn…" dialog starts from is the one in
 * force, the commune's own or else the cycle's (item 3); the cycle pickers offer an account only the
 * cycles of its own unit (item 24).
 */
import { describe, expect, it } from 'vitest';
import { cyclesForAccount } from '../../src/lib/cycles';
import { councilCounts, deadlineInForce } from '../../src/lib/district';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '$shared/lifecycle';
import type { Role } from '$shared/permissions';
import type { Cycle, UnitsResponse } from '$shared/schemas';

describe('council counters', () => {
  it('a submitted report waits for its appraisal; only IN_APPRAISAL counts as being appraised', () => {
    const list = (['DRAFT', 'SUBMITTED', 'SUBMITTED', 'IN_APPRAISAL', 'RETURNED', 'APPRAISED'] as AssessmentStatus[]).map(
      (status) => ({ status }),
    );
    expect(councilCounts(list)).toEqual({ total: 6, submitted: 4, waiting: 2, inAppraisal: 1, appraised: 1 });
  });

  it('every status falls in at most one of waiting, being appraised, appraised', () => {
    for (const status of ASSESSMENT_STATUSES) {
      const c = councilCounts([{ status }]);
      expect(c.waiting + c.inAppraisal + c.appraised, status).toBeLessThanOrEqual(1);
    }
    expect(councilCounts([{ status: 'SUBMITTED' }])).toMatchObject({ waiting: 1, inAppraisal: 0 });
  });
});

describe('the deadline in force', () => {
  const cycle = { selfAssessmentDeadline: '2026-12-15T17:00:00+07:00' };
  it("the commune's own when it has one, else the cycle's for a DRAFT; none for a returned one without its own", () => {
    expect(deadlineInForce(cycle, { status: 'DRAFT', deadline: '2027-01-07T17:00:00+07:00' })).toBe('2027-01-07T17:00:00+07:00');
    expect(deadlineInForce(cycle, { status: 'DRAFT' })).toBe(cycle.selfAssessmentDeadline);
    expect(deadlineInForce(cycle, { status: 'RETURNED' })).toBeUndefined();
    expect(deadlineInForce(cycle, { status: 'RETURNED', deadline: '2027-01-07T17:00:00+07:00' })).toBe(
      '2027-01-07T17:00:00+07:00',
    );
  });
});

describe('the cycles an account may pick (item 24)', () => {
  const cycle = (id: string, year: number, organisationId: string, appraisingLevel: 'district' | 'province'): Cycle => ({
    id,
    year,
    frameworkId: 'f',
    selfAssessmentDeadline: `${year}-12-15T17:00:00+07:00`,
    status: 'OPEN',
    organisationId,
    appraisingLevel,
  });
  const units = (organisationId: string, appraisingLevel: 'district' | 'province', au: [string, string[]][]): UnitsResponse => ({
    province: { id: 'tinh', name: 'Tỉnh' },
    organisationId,
    appraisingLevel,
    appraisingUnits: au.map(([id, communes]) => ({
      id,
      name: id,
      communes: communes.map((c) => ({ id: c, name: c, kind: 'xa' as const })),
    })),
    rankingBlocks: [],
    districts: [],
    formerDistricts: [],
    organisations: [],
  });
  // 2024 in the districts' organisation; 2026 and 2027 in the merged one, appraised by the province.
  const cycles = [
    cycle('2024', 2024, 'old', 'district'),
    cycle('2026', 2026, 'new', 'province'),
    cycle('2027', 2027, 'new', 'province'),
  ];
  const known = new Map<string, UnitsResponse | undefined>([
    ['2024', units('old', 'district', [['huyen-a', ['xa-cu', 'xa-chung']]])],
    ['2026', units('new', 'province', [['tinh', ['xa-moi', 'xa-chung']]])],
  ]);
  const ids = (role: Role, unitId: string) => cyclesForAccount({ role, unitId }, cycles, known).map((c) => c.id);

  it("a district's council and chairman: the district-level cycles of their district only", () => {
    for (const role of ['district_secretary', 'district_appraiser', 'district_chair'] as const)
      expect(ids(role, 'huyen-a')).toEqual(['2024']);
    expect(ids('district_secretary', 'huyen-khac')).toEqual([]);
  });

  it('a commune: the cycles whose organisation has it (2026 and 2027 share one)', () => {
    expect(ids('commune_chair', 'xa-moi')).toEqual(['2026', '2027']);
    expect(ids('commune_officer', 'xa-cu')).toEqual(['2024']);
    expect(ids('commune_officer', 'xa-chung')).toEqual(['2024', '2026', '2027']);
  });

  it('the province: every cycle', () => {
    for (const role of ['province', 'province_secretary', 'province_chair'] as const)
      expect(ids(role, 'tinh')).toEqual(['2024', '2026', '2027']);
  });
});
