/**
 * Province-level appraisal in shared/ (API.md, since 1 July 2025): who may what in each kind of cycle
 * (authorise), the ranking that ends at PUBLISHED, and ranks within ranking blocks.
 */
import { describe, expect, it } from 'vitest';
import { rankAssessments, type Blocks } from '../../shared/analysis.js';
import { newAssessment, type Assessment } from '../../shared/assessment.js';
import { LifecycleViolation } from '../../shared/errors.js';
import { getFramework } from '../../shared/framework-registry.js';
import { finalAssessmentStatus, finalRankingStatus, rankingTransition } from '../../shared/lifecycle.js';
import {
  authorise,
  type Action,
  type Principal,
  type Resource,
  type Role,
  type UnitDirectory,
} from '../../shared/permissions.js';

const PROVINCE = 'tinh';
const who = (role: Role, unitId = PROVINCE, extra: Partial<Principal> = {}): Principal => ({
  sub: 's',
  name: 'Người dùng',
  role,
  unitId,
  ...extra,
});

/** The same province in a district-level cycle (two districts) and in a province-level one (no districts). */
const districtCycle: UnitDirectory = {
  appraisingLevel: 'district',
  levelOf: (id) =>
    id === PROVINCE ? 'province' : ['h1', 'h2'].includes(id) ? 'district' : ['a', 'b', 'c'].includes(id) ? 'commune' : undefined,
  districtOf: (id) => (id === 'c' ? 'h2' : ['a', 'b'].includes(id) ? 'h1' : undefined),
};
const provinceCycle: UnitDirectory = {
  appraisingLevel: 'province',
  levelOf: (id) => (id === PROVINCE ? 'province' : ['x', 'y'].includes(id) ? 'commune' : undefined),
  districtOf: (id) => (['x', 'y'].includes(id) ? PROVINCE : undefined),
};
const decide = (p: Principal, action: Action, r: Omit<Resource, 'units'>, units: UnitDirectory) => {
  const d = authorise(p, action, { units, ...r });
  return d.allowed ? 'allowed' : d.refusal;
};

describe('authorise() in a province-level cycle', () => {
  it('lets the province council and chairman do what a district’s do, over every commune', () => {
    expect(decide(who('province_secretary'), 'appraisal.complete', { unitId: 'x' }, provinceCycle)).toBe('allowed');
    expect(decide(who('province_secretary'), 'appraisal.assign', { districtId: PROVINCE }, provinceCycle)).toBe('allowed');
    expect(decide(who('province_appraiser'), 'appraisal.edit', { unitId: 'y', area: 'II' }, provinceCycle)).toBe('allowed');
    expect(decide(who('province_chair'), 'ranking.decide', { districtId: PROVINCE }, provinceCycle)).toBe('allowed');
    expect(decide(who('province_chair'), 'results.read', {}, provinceCycle)).toBe('allowed');
    // …and no more than a district's: the chairman does not appraise, the appraiser does not decide.
    expect(decide(who('province_chair'), 'appraisal.edit', { unitId: 'x' }, provinceCycle)).toBe('forbidden');
    expect(decide(who('province_appraiser'), 'ranking.decide', { districtId: PROVINCE }, provinceCycle)).toBe('forbidden');
    expect(decide(who('province_secretary'), 'cycle.manage', {}, provinceCycle)).toBe('forbidden');
  });

  it('refuses the district roles everything but the catalog; a district id is no appraising unit there', () => {
    for (const role of ['district_appraiser', 'district_secretary', 'district_chair'] as const)
      for (const action of ['assessment.read', 'appraisal.edit', 'ranking.read', 'ranking.decide', 'results.read'] as const)
        expect(decide(who(role, 'h1'), action, { unitId: 'x' }, provinceCycle), `${role} ${action}`).toBe('forbidden');
    expect(decide(who('district_chair', 'h1'), 'catalog.read', {}, provinceCycle)).toBe('forbidden');
    expect(decide(who('province_chair'), 'ranking.read', { districtId: 'h1' }, provinceCycle)).toBe('not-found');
  });

  it('limits an appraiser to the areas and the communes of their assignment', () => {
    const p = who('province_appraiser', PROVINCE, { areas: ['II'], communes: ['x'] });
    expect(decide(p, 'appraisal.edit', { unitId: 'x', area: 'II' }, provinceCycle)).toBe('allowed');
    expect(decide(p, 'appraisal.edit', { unitId: 'x', area: 'III' }, provinceCycle)).toBe('forbidden');
    expect(decide(p, 'appraisal.edit', { unitId: 'y', area: 'II' }, provinceCycle)).toBe('forbidden');
    // Reading is not limited by the assignment.
    expect(decide(p, 'assessment.read', { unitId: 'y' }, provinceCycle)).toBe('allowed');
  });
});

describe('authorise() in a district-level cycle', () => {
  it('lets the province council and chairman no more than `province` may: read, never appraise or decide', () => {
    for (const role of ['province_appraiser', 'province_secretary', 'province_chair'] as const) {
      expect(decide(who(role), 'assessment.read', { unitId: 'c' }, districtCycle)).toBe('allowed');
      expect(decide(who(role), 'ranking.read', { districtId: 'h2' }, districtCycle)).toBe('allowed');
      expect(decide(who(role), 'results.read', {}, districtCycle)).toBe('allowed');
      for (const action of [
        'appraisal.edit',
        'appraisal.complete',
        'appraisal.assign',
        'ranking.decide',
        'cycle.manage',
      ] as const)
        expect(decide(who(role), action, { unitId: 'a', districtId: 'h1' }, districtCycle), `${role} ${action}`).toBe(
          'forbidden',
        );
    }
  });

  it('keeps the district roles as they were', () => {
    expect(decide(who('district_chair', 'h1'), 'ranking.decide', { districtId: 'h1' }, districtCycle)).toBe('allowed');
    expect(decide(who('district_chair', 'h1'), 'ranking.decide', { districtId: 'h2' }, districtCycle)).toBe('forbidden');
  });
});

describe('the ranking of a province-level cycle ends at PUBLISHED', () => {
  it('approves and publishes; report is a lifecycle violation there and a step at district level', () => {
    expect(rankingTransition('OPEN', 'approve', 'province')).toBe('APPROVED');
    expect(rankingTransition('APPROVED', 'publish', 'province')).toBe('PUBLISHED');
    expect(() => rankingTransition('PUBLISHED', 'report', 'province')).toThrow(LifecycleViolation);
    expect(rankingTransition('PUBLISHED', 'report', 'district')).toBe('REPORTED');
    expect([finalRankingStatus('province'), finalAssessmentStatus('province')]).toEqual(['PUBLISHED', 'PUBLISHED']);
    expect([finalRankingStatus('district'), finalAssessmentStatus('district')]).toEqual(['REPORTED', 'REPORTED']);
  });
});

describe('ranks within ranking blocks', () => {
  const fw = getFramework('thai-nguyen-4203-2021')!;
  /** An appraised assessment losing `lost` hundredths on row 1.1.1 (max 100). */
  const appraised = (unitId: string, kind: Assessment['unitKind'], score: number): Assessment => {
    const a = newAssessment(
      {
        cycleId: '2030',
        unitId,
        unitName: unitId,
        unitKind: kind,
        districtId: PROVINCE,
        provinceId: PROVINCE,
        frameworkId: fw.id,
      },
      '2030-01-01T00:00:00Z',
    );
    for (const l of fw.leaves) a.rows[l.code] = { self: l.max, appraised: l.code === '1.1.1' ? score : l.max };
    return { ...a, status: 'APPRAISED' };
  };
  const blocks: Blocks = { order: ['phuong', 'xa'], of: (k) => (k === 'phuong' ? 'phuong' : 'xa') };

  it('ranks each block apart, ties shared inside a block, blocks in their order', () => {
    // Indices: p1 100, p2 99,5, x1 99, x2 99, x3 99,75; together they would rank 1, 3, 4, 4, 2.
    const list = [
      appraised('x1', 'xa', 0),
      appraised('p2', 'phuong', 50),
      appraised('x2', 'dac-khu', 0),
      appraised('p1', 'phuong', 100),
      appraised('x3', 'xa', 75),
    ];
    expect(rankAssessments(fw, list, blocks).map((r) => [r.block, r.unitId, r.rank])).toEqual([
      ['phuong', 'p1', 1],
      ['phuong', 'p2', 2],
      ['xa', 'x3', 1],
      ['xa', 'x1', 2],
      ['xa', 'x2', 2],
    ]);
    expect(rankAssessments(fw, list).map((r) => [r.block, r.unitId, r.rank])).toEqual([
      ['all', 'p1', 1],
      ['all', 'x3', 2],
      ['all', 'p2', 3],
      ['all', 'x1', 4],
      ['all', 'x2', 4],
    ]);
  });
});
