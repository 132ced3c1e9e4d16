/** Who may do what (DESIGN.md §2) and over which units; appraisers limited to their assigned areas. */
import { describe, expect, it } from 'vitest';
import { can, canSeeUnit, levelOf, mayAppraiseArea, ROLES, type Action, type Principal, type Role } from '../../shared/index.js';

const ALL_ACTIONS: Action[] = [
  'assessment.read',
  'self.edit',
  'self.submit',
  'evidence.edit',
  'appraisal.edit',
  'appraisal.return',
  'appraisal.complete',
  'appraisal.assign',
  'deadline.manage',
  'ranking.read',
  'ranking.decide',
  'cycle.manage',
  'results.readAll',
];

// From DESIGN.md §2's table.
const EXPECTED: Record<Role, Action[]> = {
  // edit that commune's self-assessment; upload evidence
  commune_officer: ['assessment.read', 'self.edit', 'evidence.edit'],
  // the same, and submit it
  commune_chair: ['assessment.read', 'self.edit', 'evidence.edit', 'self.submit'],
  // appraise submitted assessments (own areas)
  district_appraiser: ['assessment.read', 'appraisal.edit', 'ranking.read'],
  // everything an appraiser may; return; close the appraisal; set deadlines
  district_secretary: [
    'assessment.read',
    'appraisal.edit',
    'ranking.read',
    'appraisal.return',
    'appraisal.complete',
    'appraisal.assign',
    'deadline.manage',
  ],
  // approve, publish, report the district's ranking
  district_chair: ['assessment.read', 'ranking.read', 'ranking.decide'],
  // read everything in the province; consolidated results; manage cycles
  province: ['assessment.read', 'ranking.read', 'cycle.manage', 'results.readAll'],
  // deploy and configure; no scores
  operator: [],
};

describe('can()', () => {
  for (const role of ROLES)
    for (const action of ALL_ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can({ role }, action)).toBe(allowed);
      });
    }

  it('gives an appraiser nothing a secretary lacks', () => {
    for (const a of ALL_ACTIONS)
      if (can({ role: 'district_appraiser' }, a)) expect(can({ role: 'district_secretary' }, a)).toBe(true);
  });
});

const who = (role: Role, unitId: string, areas?: string[]): Principal => ({
  sub: 'u1',
  name: 'Người dùng',
  role,
  unitId,
  ...(areas ? { areas } : {}),
});
const communeA = { unitId: 'xa-a', districtId: 'huyen-1', provinceId: 'thai-nguyen' };
const communeB = { unitId: 'xa-b', districtId: 'huyen-1', provinceId: 'thai-nguyen' };
const communeC = { unitId: 'xa-c', districtId: 'huyen-2', provinceId: 'thai-nguyen' };
const elsewhere = { unitId: 'xa-z', districtId: 'huyen-9', provinceId: 'bac-kan' };

describe('levelOf / canSeeUnit', () => {
  it('puts each role at its level', () => {
    expect(ROLES.map(levelOf)).toEqual(['commune', 'commune', 'district', 'district', 'district', 'province', 'province']);
  });
  it('commune roles see only their own commune', () => {
    for (const role of ['commune_officer', 'commune_chair'] as const) {
      const p = who(role, 'xa-a');
      expect(canSeeUnit(p, communeA)).toBe(true);
      expect(canSeeUnit(p, communeB)).toBe(false);
      expect(canSeeUnit(p, communeC)).toBe(false);
      // A commune user whose unit id happens to equal a district id sees nothing through it.
      expect(canSeeUnit(who(role, 'huyen-1'), communeA)).toBe(false);
    }
  });
  it('district roles see the communes of their district only', () => {
    for (const role of ['district_appraiser', 'district_secretary', 'district_chair'] as const) {
      const p = who(role, 'huyen-1');
      expect(canSeeUnit(p, communeA)).toBe(true);
      expect(canSeeUnit(p, communeB)).toBe(true);
      expect(canSeeUnit(p, communeC)).toBe(false);
      expect(canSeeUnit(p, elsewhere)).toBe(false);
      expect(canSeeUnit(who(role, 'xa-a'), communeA)).toBe(false);
    }
  });
  it('the province sees every commune of its province and none of another', () => {
    const p = who('province', 'thai-nguyen');
    expect(canSeeUnit(p, communeA)).toBe(true);
    expect(canSeeUnit(p, communeC)).toBe(true);
    expect(canSeeUnit(p, elsewhere)).toBe(false);
  });
  it('the operator reads no assessment whatever its scope', () => {
    expect(can({ role: 'operator' }, 'assessment.read')).toBe(false);
    expect(can({ role: 'operator' }, 'results.readAll')).toBe(false);
  });
});

describe('mayAppraiseArea', () => {
  it('limits an appraiser to the areas assigned', () => {
    const p = who('district_appraiser', 'huyen-1', ['II', 'VI']);
    expect(mayAppraiseArea(p, 'II')).toBe(true);
    expect(mayAppraiseArea(p, 'VI')).toBe(true);
    expect(mayAppraiseArea(p, 'I')).toBe(false);
    expect(mayAppraiseArea(p, 'VII')).toBe(false);
  });
  it('lets an appraiser without an areas claim appraise every area, and one with an empty list none', () => {
    const all = who('district_appraiser', 'huyen-1');
    const none = who('district_appraiser', 'huyen-1', []);
    for (const area of ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']) {
      expect(mayAppraiseArea(all, area)).toBe(true);
      expect(mayAppraiseArea(none, area)).toBe(false);
    }
  });
  it('lets the secretary appraise every area, even if an areas claim is present', () => {
    const p = who('district_secretary', 'huyen-1', ['II']);
    for (const area of ['I', 'II', 'VIII']) expect(mayAppraiseArea(p, area)).toBe(true);
  });
  it('lets no other role appraise', () => {
    for (const role of ['commune_officer', 'commune_chair', 'district_chair', 'province', 'operator'] as const)
      expect(mayAppraiseArea(who(role, 'x'), 'I')).toBe(false);
  });
});
