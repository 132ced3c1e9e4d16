/** Who may do what (DESIGN.md §2) and over which units; appraisers limited to their assigned areas. */
import { describe, expect, it } from 'vitest';
import {
  authorise,
  can,
  levelOf,
  mayAppraiseArea,
  ownScope,
  permits,
  ROLES,
  type Action,
  type Principal,
  type Resource,
  type Role,
  type UnitDirectory,
} from '../../shared/index.js';

const ALL_ACTIONS: Action[] = [
  'catalog.read',
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
  'assignments.read',
  'results.read',
  'cycle.manage',
  'results.readAll',
];
const DISTRICT_READ: Action[] = ['catalog.read', 'assessment.read', 'ranking.read', 'assignments.read', 'results.read'];

// From DESIGN.md §2's table.
const EXPECTED: Record<Role, Action[]> = {
  // edit that commune's self-assessment; upload evidence
  commune_officer: ['catalog.read', 'assessment.read', 'self.edit', 'evidence.edit'],
  // the same, and submit it
  commune_chair: ['catalog.read', 'assessment.read', 'self.edit', 'evidence.edit', 'self.submit'],
  // appraise submitted assessments (own areas)
  district_appraiser: [...DISTRICT_READ, 'appraisal.edit'],
  // everything an appraiser may; return; close the appraisal; set deadlines
  district_secretary: [
    ...DISTRICT_READ,
    'appraisal.edit',
    'appraisal.return',
    'appraisal.complete',
    'appraisal.assign',
    'deadline.manage',
  ],
  // approve, publish, report the district's ranking
  district_chair: [...DISTRICT_READ, 'ranking.decide'],
  // the province council's and chairman's, in a province-level cycle (API.md, since 1 July 2025)
  province_appraiser: [...DISTRICT_READ, 'appraisal.edit'],
  province_secretary: [
    ...DISTRICT_READ,
    'appraisal.edit',
    'appraisal.return',
    'appraisal.complete',
    'appraisal.assign',
    'deadline.manage',
    // the province's workbook (issue 21 item 5: the button was shown, the server said 403)
    'results.readAll',
  ],
  province_chair: [...DISTRICT_READ, 'ranking.decide', 'results.readAll'],
  // read everything in the province; consolidated results; manage cycles
  province: [...DISTRICT_READ, 'cycle.manage', 'results.readAll'],
  // deploy and configure; no scores (only the catalog: units, frameworks, cycles)
  operator: ['catalog.read'],
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

/** A small province: two districts of two and one communes. */
const PROVINCE = 'thai-nguyen';
const DISTRICTS: Record<string, string[]> = { 'huyen-1': ['xa-a', 'xa-b'], 'huyen-2': ['xa-c'] };
const units: UnitDirectory = {
  levelOf: (id) =>
    id === PROVINCE
      ? 'province'
      : id in DISTRICTS
        ? 'district'
        : Object.values(DISTRICTS).flat().includes(id)
          ? 'commune'
          : undefined,
  districtOf: (id) => Object.entries(DISTRICTS).find(([, cs]) => cs.includes(id))?.[0],
};
const on = (r: Omit<Resource, 'units'> = {}): Resource => ({ units, ...r });
const commune = (unitId: string, area?: string) => on({ unitId, ...(area ? { area } : {}) });
const district = (districtId: string) => on({ districtId });
const refusal = (p: Principal | undefined, action: Action, r: Resource) => {
  const d = authorise(p, action, r);
  return d.allowed ? 'allowed' : d.refusal;
};

describe('levelOf', () => {
  it('puts each role at its level', () => {
    expect(ROLES.map(levelOf)).toEqual([
      'commune',
      'commune',
      'district',
      'district',
      'district',
      'province',
      'province',
      'province',
      'province',
      'province',
    ]);
  });
});

describe('authorise(): who is asking', () => {
  it('lets anyone, signed in or not, read what is public', () => {
    expect(authorise(undefined, 'public.read', on())).toEqual({ allowed: true });
    expect(authorise(who('province', 'xa-a'), 'public.read', on())).toEqual({ allowed: true });
  });
  it('refuses every other action without a principal as unauthenticated', () => {
    for (const action of ALL_ACTIONS) {
      const d = authorise(undefined, action, commune('xa-a'));
      expect(d).toMatchObject({ allowed: false, refusal: 'unauthenticated' });
    }
  });
  it("refuses a province-level role whose unit is not the province itself, whatever it asks (the attacker's token)", () => {
    for (const role of ['province', 'operator'] as const)
      for (const unit of ['xa-a', 'huyen-1', 'bac-kan', ''])
        for (const action of ALL_ACTIONS) {
          const p = who(role, unit);
          for (const r of [on(), district('huyen-1'), commune('xa-a')]) expect(refusal(p, action, r)).toBe('forbidden');
        }
    // POST /api/cycles, consolidated, rankings: exactly the powers the hole gave.
    const forged = who('province', 'xa-a');
    expect(permits(forged, 'cycle.manage', on())).toBe(false);
    expect(permits(forged, 'results.readAll', on())).toBe(false);
    expect(permits(forged, 'ranking.read', district('huyen-1'))).toBe(false);
    expect(permits(forged, 'assignments.read', district('huyen-1'))).toBe(false);
  });
  it('refuses a district role whose unit is a commune, the province or unknown, and a commune role whose unit is a district', () => {
    for (const role of ['district_appraiser', 'district_secretary', 'district_chair'] as const)
      for (const unit of ['xa-a', PROVINCE, 'huyen-9']) {
        expect(refusal(who(role, unit), 'assessment.read', commune('xa-a'))).toBe('forbidden');
        expect(refusal(who(role, unit), 'catalog.read', on())).toBe('forbidden');
      }
    for (const role of ['commune_officer', 'commune_chair'] as const)
      for (const unit of ['huyen-1', PROVINCE, 'xa-z']) {
        expect(refusal(who(role, unit), 'assessment.read', commune(unit))).toBe('forbidden');
        expect(refusal(who(role, unit), 'self.edit', commune('xa-a'))).toBe('forbidden');
      }
  });
  it('says in Vietnamese why a mis-provisioned account is refused', () => {
    const d = authorise(who('province', 'xa-a'), 'cycle.manage', on());
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.message).toContain('đơn vị cấp tỉnh');
  });
});

describe('authorise(): role and scope', () => {
  const ownCommune = who('commune_chair', 'xa-a');
  it('lets every correctly provisioned role read the catalog, the operator included', () => {
    for (const [role, unit] of [
      ['commune_officer', 'xa-a'],
      ['district_chair', 'huyen-1'],
      ['province', PROVINCE],
      ['operator', PROVINCE],
    ] as const)
      expect(permits(who(role, unit), 'catalog.read', on())).toBe(true);
  });
  it('commune roles act on their own commune only', () => {
    for (const role of ['commune_officer', 'commune_chair'] as const) {
      const p = who(role, 'xa-a');
      expect(permits(p, 'assessment.read', commune('xa-a'))).toBe(true);
      expect(permits(p, 'self.edit', commune('xa-a'))).toBe(true);
      expect(refusal(p, 'assessment.read', commune('xa-b'))).toBe('forbidden');
      expect(refusal(p, 'self.edit', commune('xa-c'))).toBe('forbidden');
      expect(refusal(p, 'ranking.read', district('huyen-1'))).toBe('forbidden');
    }
    expect(permits(ownCommune, 'self.submit', commune('xa-a'))).toBe(true);
    expect(permits(who('commune_officer', 'xa-a'), 'self.submit', commune('xa-a'))).toBe(false);
  });
  it('district roles act on the communes of their district and on their district only', () => {
    for (const role of ['district_appraiser', 'district_secretary', 'district_chair'] as const) {
      const p = who(role, 'huyen-1');
      expect(permits(p, 'assessment.read', commune('xa-a'))).toBe(true);
      expect(permits(p, 'assessment.read', commune('xa-b'))).toBe(true);
      expect(refusal(p, 'assessment.read', commune('xa-c'))).toBe('forbidden');
      expect(permits(p, 'ranking.read', district('huyen-1'))).toBe(true);
      expect(refusal(p, 'ranking.read', district('huyen-2'))).toBe('forbidden');
      expect(permits(p, 'results.read', district('huyen-1'))).toBe(true);
      expect(refusal(p, 'results.read', on())).toBe('forbidden');
    }
    expect(permits(who('district_chair', 'huyen-1'), 'ranking.decide', district('huyen-1'))).toBe(true);
    expect(refusal(who('district_chair', 'huyen-1'), 'ranking.decide', district('huyen-2'))).toBe('forbidden');
    expect(refusal(who('district_secretary', 'huyen-1'), 'ranking.decide', district('huyen-1'))).toBe('forbidden');
    expect(permits(who('district_secretary', 'huyen-1'), 'appraisal.assign', district('huyen-1'))).toBe(true);
    expect(refusal(who('district_secretary', 'huyen-1'), 'appraisal.assign', district('huyen-2'))).toBe('forbidden');
    expect(refusal(who('district_secretary', 'huyen-1'), 'self.edit', commune('xa-a'))).toBe('forbidden');
  });
  it('the province reads every commune and district and decides nothing of theirs', () => {
    const p = who('province', PROVINCE);
    for (const u of ['xa-a', 'xa-b', 'xa-c']) expect(permits(p, 'assessment.read', commune(u))).toBe(true);
    for (const d of ['huyen-1', 'huyen-2']) {
      expect(permits(p, 'ranking.read', district(d))).toBe(true);
      expect(permits(p, 'assignments.read', district(d))).toBe(true);
      expect(refusal(p, 'ranking.decide', district(d))).toBe('forbidden');
      expect(refusal(p, 'appraisal.assign', district(d))).toBe('forbidden');
    }
    expect(permits(p, 'results.read', on())).toBe(true);
    expect(permits(p, 'results.readAll', on())).toBe(true);
    expect(permits(p, 'cycle.manage', on())).toBe(true);
    expect(refusal(p, 'self.edit', commune('xa-a'))).toBe('forbidden');
  });
  it('the operator reads no assessment, ranking or result', () => {
    const p = who('operator', PROVINCE);
    for (const action of ALL_ACTIONS.filter((a) => a !== 'catalog.read')) {
      expect(refusal(p, action, on())).toBe('forbidden');
      expect(refusal(p, action, commune('xa-a'))).toBe('forbidden');
      expect(refusal(p, action, district('huyen-1'))).toBe('forbidden');
    }
  });
  it('answers not-found for a unit of no such kind, once the role may act at all', () => {
    const p = who('province', PROVINCE);
    expect(refusal(p, 'assessment.read', commune('huyen-1'))).toBe('not-found');
    expect(refusal(p, 'assessment.read', commune('xa-z'))).toBe('not-found');
    expect(refusal(p, 'ranking.read', district('xa-a'))).toBe('not-found');
    expect(refusal(p, 'ranking.read', district('%FF'))).toBe('not-found');
    // A role that may not act learns nothing about which units exist.
    expect(refusal(who('commune_officer', 'xa-a'), 'ranking.read', district('khong-co'))).toBe('forbidden');
  });
  it('keeps the Vietnamese refusal of each route', () => {
    const msg = (p: Principal, action: Action, r: Resource) => {
      const d = authorise(p, action, r);
      return d.allowed ? '' : d.message;
    };
    expect(msg(ownCommune, 'assessment.read', commune('xa-b'))).toBe('Bạn không có quyền với hồ sơ của đơn vị này.');
    expect(msg(ownCommune, 'ranking.read', district('huyen-1'))).toBe('Bạn không có quyền xem bảng xếp hạng của đơn vị này.');
    expect(msg(ownCommune, 'assignments.read', district('huyen-1'))).toBe('Bạn không có quyền xem phân công của đơn vị này.');
    expect(msg(ownCommune, 'results.read', commune('xa-a'))).toBe('Bạn không có quyền xem kết quả tổng hợp.');
    expect(msg(ownCommune, 'cycle.manage', on())).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(msg(who('district_chair', 'huyen-1'), 'ranking.decide', district('huyen-2'))).toBe(
      'Bạn chỉ quyết định bảng xếp hạng của đơn vị mình.',
    );
    expect(msg(who('district_secretary', 'huyen-1'), 'appraisal.assign', district('huyen-2'))).toBe(
      'Bạn chỉ phân công thẩm định trong đơn vị của mình.',
    );
  });
});

describe('authorise(): areas', () => {
  it('limits an appraiser to the areas assigned, and only within the district', () => {
    const p = who('district_appraiser', 'huyen-1', ['II']);
    expect(permits(p, 'appraisal.edit', commune('xa-a', 'II'))).toBe(true);
    const d = authorise(p, 'appraisal.edit', commune('xa-a', 'III'));
    expect(d).toMatchObject({ allowed: false, refusal: 'forbidden', details: [{ area: 'III' }] });
    expect(refusal(p, 'appraisal.edit', commune('xa-c', 'II'))).toBe('forbidden');
    expect(permits(who('district_secretary', 'huyen-1', ['II']), 'appraisal.edit', commune('xa-a', 'III'))).toBe(true);
    expect(refusal(who('district_chair', 'huyen-1'), 'appraisal.edit', commune('xa-a', 'II'))).toBe('forbidden');
  });
});

describe('ownScope', () => {
  it("is the caller's commune, district, or the whole province", () => {
    expect(ownScope(who('commune_officer', 'xa-a'))).toEqual({ unitId: 'xa-a' });
    expect(ownScope(who('district_chair', 'huyen-1'))).toEqual({ districtId: 'huyen-1' });
    expect(ownScope(who('province', PROVINCE))).toEqual({});
    expect(ownScope(who('operator', PROVINCE))).toEqual({});
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

describe("the province workbook's button (issue 21 item 5)", () => {
  // /tong-hop shows "Tải bảng tổng hợp (.xlsx)" when can(user, 'results.readAll'); the route decides
  // with authorise(…, 'results.readAll', the province). They must agree for every role, in both kinds
  // of cycle: a button shown and refused was the bug.
  const unitOf = (role: Role) => (levelOf(role) === 'province' ? PROVINCE : levelOf(role) === 'district' ? 'huyen-1' : 'xa-a');
  for (const appraisingLevel of ['district', 'province'] as const)
    it(`is shown exactly to the roles the route lets download it, in a ${appraisingLevel}-level cycle`, () => {
      const cycleUnits: UnitDirectory = { ...units, appraisingLevel };
      const shownAndRefused = ROLES.filter((role) => {
        const p = who(role, unitOf(role));
        return can(p, 'results.readAll') && !permits(p, 'results.readAll', { units: cycleUnits });
      });
      const allowedNotShown = ROLES.filter((role) => {
        const p = who(role, unitOf(role));
        return !can(p, 'results.readAll') && permits(p, 'results.readAll', { units: cycleUnits });
      });
      expect({ shownAndRefused, allowedNotShown }).toEqual({ shownAndRefused: [], allowedNotShown: [] });
      expect(ROLES.filter((role) => permits(who(role, unitOf(role)), 'results.readAll', { units: cycleUnits }))).toEqual([
        'province_secretary',
        'province_chair',
        'province',
      ]);
    });
});
