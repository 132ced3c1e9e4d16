/** Organisations over time: validation (each rule with a broken fixture), the resolver, ranking blocks, merges. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANKING_BLOCK,
  earlierUnits,
  organisationAt,
  predecessorUnits,
  provinceOrganisations,
  provinceProblems,
  ProvinceConfigError,
  rankingBlockOf,
  resolveOrganisation,
  validateProvince,
  yearOverYear,
  type OrganisationDefinition,
  type OrganisedProvince,
} from '../../shared/organisation.js';
import { meanHundredths } from '../../shared/scoring.js';
import { unitKind } from '../../shared/schemas.js';
import { frameworkResponse, toWire } from '../../shared/frameworks/wire.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { thaiNguyen } from '../../provinces/thai-nguyen.js';

/** A small sound province: two districts before the merger, a province-level organisation after it. */
function fixture(): OrganisedProvince & { organisations: OrganisationDefinition[]; currentOrganisationId: string } {
  return {
    id: 'tinh-a',
    name: 'Tỉnh A',
    appraisingLevel: 'district',
    districts: [],
    organisations: [
      {
        id: 'a-2021',
        label: 'Tỉnh A (cấp huyện thẩm định)',
        validFrom: '2021-12-30',
        appraisingLevel: 'district',
        appraisingUnits: [
          {
            id: 'huyen-1',
            name: 'Huyện Một',
            communes: [
              { id: 'x1', name: 'Xã Một', kind: 'xa' },
              { id: 'x2', name: 'Xã Hai', kind: 'xa' },
              { id: 'tt1', name: 'Thị trấn Một', kind: 'thi-tran' },
            ],
          },
          { id: 'huyen-2', name: 'Huyện Hai', communes: [{ id: 'p1', name: 'Phường Một', kind: 'phuong' }] },
        ],
      },
      {
        id: 'b-2021',
        label: 'Tỉnh B (đã hợp nhất)',
        validFrom: '2021-12-30',
        cyclesRunHere: false,
        appraisingLevel: 'district',
        appraisingUnits: [{ id: 'huyen-b', name: 'Huyện B', communes: [{ id: 'xb', name: 'Xã B', kind: 'xa' }] }],
      },
      {
        id: 'a-2025',
        label: 'Tỉnh A từ 01/7/2025',
        validFrom: '2025-07-01',
        appraisingLevel: 'province',
        communes: [
          { id: 'xa-moi', code: '00001', name: 'Xã Mới', kind: 'xa', formedFrom: ['x1', 'x2'], formerDistrictId: 'huyen-1' },
          { id: 'phuong-moi', code: '00002', name: 'Phường Mới', kind: 'phuong', formedFrom: ['tt1', 'p1', 'x2'] },
          { id: 'xb-moi', name: 'Xã B Mới', kind: 'xa', formedFrom: ['xb'] },
          { id: 'dk', name: 'Đặc khu Một', kind: 'dac-khu', formedFrom: [] },
        ],
      },
    ],
    currentOrganisationId: 'a-2025',
  };
}

type Fixture = ReturnType<typeof fixture>;
const org = (p: Fixture, id: string) => p.organisations.find((o) => o.id === id)!;
const communesOf = (p: Fixture, id: string) => {
  const o = org(p, id);
  return o.appraisingLevel === 'province' ? o.communes : o.appraisingUnits.flatMap((d) => d.communes);
};
const commune = (p: Fixture, orgId: string, id: string) => communesOf(p, orgId).find((c) => c.id === id)!;

/** The problems of a fixture after `breakIt`; the sound fixture has none (so each test can fail). */
function problemsAfter(breakIt: (p: Fixture) => void): string[] {
  const p = fixture();
  expect(provinceProblems(p)).toEqual([]);
  breakIt(p);
  return provinceProblems(p);
}

describe('validateProvince', () => {
  it('accepts the demo province and the sound fixture', () => {
    expect(provinceProblems(thaiNguyen)).toEqual([]);
    expect(() => validateProvince(thaiNguyen)).not.toThrow();
    expect(() => validateProvince(fixture())).not.toThrow();
  });

  it('throws one error listing every problem, each naming its unit', () => {
    const p = fixture();
    commune(p, 'a-2025', 'xa-moi').kind = 'thi-tran';
    commune(p, 'a-2025', 'xb-moi').formedFrom = ['khong-co'];
    let err: unknown;
    try {
      validateProvince(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProvinceConfigError);
    const e = err as ProvinceConfigError;
    expect(e.provinceId).toBe('tinh-a');
    expect(e.problems).toHaveLength(2);
    expect(e.message).toContain('Cấu hình tỉnh "tinh-a" không hợp lệ');
    expect(e.message).toContain('"xa-moi" (Xã Mới)');
    expect(e.message).toContain('"xb-moi" (Xã B Mới)');
  });

  it('refuses two organisations with the same id', () => {
    const problems = problemsAfter((p) => p.organisations.push({ ...org(p, 'b-2021') }));
    expect(problems).toContain('Tổ chức "b-2021" được khai báo hai lần');
  });

  it('refuses two units with the same id in one organisation, naming both', () => {
    const problems = problemsAfter((p) => {
      const o = org(p, 'a-2021');
      if (o.appraisingLevel === 'district') o.appraisingUnits[1]!.communes.push({ id: 'x1', name: 'Xã Một Khác', kind: 'xa' });
    });
    expect(problems).toEqual(['Tổ chức "a-2021": mã "x1" của đơn vị Xã Một Khác trùng với đơn vị Xã Một']);
  });

  it("refuses a unit id equal to a district's or to the province's (one namespace per organisation)", () => {
    const problems = problemsAfter((p) => {
      commune(p, 'a-2021', 'x2').id = 'huyen-2';
      commune(p, 'a-2025', 'dk').id = 'tinh-a';
    });
    expect(problems).toContain('Tổ chức "a-2021": mã "huyen-2" của đơn vị Xã Hai trùng với đơn vị thẩm định Huyện Hai');
    expect(problems).toContain('Tổ chức "a-2025": mã "tinh-a" của đơn vị Đặc khu Một trùng với tỉnh Tỉnh A');
  });

  it('refuses ids that are not ASCII slugs', () => {
    const problems = problemsAfter((p) => (commune(p, 'a-2025', 'dk').id = 'Đặc khu'));
    expect(problems).toEqual([
      'Tổ chức "a-2025": mã "Đặc khu" của đơn vị Đặc khu Một phải là chữ thường không dấu, số và gạch nối',
    ]);
  });

  it('refuses a formedFrom id that no earlier organisation holds', () => {
    const problems = problemsAfter((p) => (commune(p, 'a-2025', 'xa-moi').formedFrom = ['x1', 'x9']));
    expect(problems).toEqual([
      'Đơn vị "xa-moi" (Xã Mới) của tổ chức "a-2025": formedFrom "x9" không có ở tổ chức nào trước 2025-07-01',
    ]);
  });

  it('refuses a formedFrom id held only by a later or the same organisation', () => {
    const problems = problemsAfter((p) => (commune(p, 'a-2025', 'xa-moi').formedFrom = ['phuong-moi']));
    expect(problems).toEqual([
      'Đơn vị "xa-moi" (Xã Mới) của tổ chức "a-2025": formedFrom "phuong-moi" không có ở tổ chức nào trước 2025-07-01',
    ]);
    // The earliest organisations have nothing before them.
    const first = problemsAfter((p) => (commune(p, 'a-2021', 'x2').formedFrom = ['x1']));
    expect(first).toEqual(['Đơn vị "x2" (Xã Hai) của tổ chức "a-2021": formedFrom "x1" không có ở tổ chức nào trước 2021-12-30']);
  });

  it('refuses a formedFrom id that two earlier organisations of the same date both hold', () => {
    const problems = problemsAfter((p) => (commune(p, 'b-2021', 'xb').id = 'x1'));
    expect(problems).toContain(
      'Đơn vị "xa-moi" (Xã Mới) của tổ chức "a-2025": formedFrom "x1" có ở nhiều tổ chức (a-2021, b-2021)',
    );
  });

  it('refuses a formedFrom that names a unit twice', () => {
    const problems = problemsAfter((p) => (commune(p, 'a-2025', 'xa-moi').formedFrom = ['x1', 'x1']));
    expect(problems).toEqual(['Đơn vị "xa-moi" (Xã Mới) của tổ chức "a-2025": formedFrom nêu một đơn vị hai lần']);
  });

  it('refuses a thị trấn in an organisation valid from 2025-07-01', () => {
    const problems = problemsAfter((p) => (commune(p, 'a-2025', 'phuong-moi').kind = 'thi-tran'));
    expect(problems).toEqual([
      'Đơn vị "phuong-moi" (Phường Mới) của tổ chức "a-2025": không còn thị trấn từ 2025-07-01 (tổ chức có hiệu lực từ 2025-07-01)',
    ]);
  });

  it('refuses a đặc khu before 2025-07-01 and an unknown kind', () => {
    const problems = problemsAfter((p) => {
      commune(p, 'a-2021', 'x1').kind = 'dac-khu';
      (commune(p, 'a-2021', 'x2') as { kind: string }).kind = 'thi-xa';
    });
    expect(problems).toContain(
      'Đơn vị "x1" (Xã Một) của tổ chức "a-2021": đặc khu chỉ có từ 2025-07-01 (tổ chức có hiệu lực từ 2021-12-30)',
    );
    expect(problems).toContain('Đơn vị "x2" (Xã Hai) của tổ chức "a-2021": loại "thi-xa" không hợp lệ');
  });

  it('refuses ranking blocks that leave a kind out, or put a kind in two blocks', () => {
    const gap = problemsAfter((p) => {
      org(p, 'a-2025').rankingBlocks = [
        { id: 'phuong', label: 'Phường', kinds: ['phuong'] },
        { id: 'xa', label: 'Xã', kinds: ['xa'] },
      ];
    });
    expect(gap).toEqual(['Đơn vị "dk" (Đặc khu Một) của tổ chức "a-2025": không khối xếp hạng nào gồm loại "dac-khu"']);
    const twice = problemsAfter((p) => {
      org(p, 'a-2025').rankingBlocks = [
        { id: 'phuong', label: 'Phường', kinds: ['phuong', 'xa'] },
        { id: 'xa', label: 'Xã và đặc khu', kinds: ['xa', 'dac-khu'] },
      ];
    });
    expect(twice).toEqual(['Tổ chức "a-2025": loại "xa" ở hai khối xếp hạng "phuong" và "xa"']);
    const dup = problemsAfter((p) => {
      org(p, 'a-2025').rankingBlocks = [
        { id: 'k', label: 'Phường', kinds: ['phuong'] },
        { id: 'k', label: 'Xã và đặc khu', kinds: ['xa', 'dac-khu'] },
      ];
    });
    expect(dup).toEqual(['Tổ chức "a-2025": khối xếp hạng "k" khai báo hai lần']);
  });

  it('refuses a currentOrganisationId that is unknown or names an organisation no cycle runs in', () => {
    expect(problemsAfter((p) => (p.currentOrganisationId = 'a-2030'))).toEqual([
      'currentOrganisationId "a-2030" không phải tổ chức nào (có: a-2021, b-2021, a-2025)',
    ]);
    expect(problemsAfter((p) => (p.currentOrganisationId = 'b-2021'))).toEqual([
      'Tổ chức hiện hành "b-2021" có cyclesRunHere: false',
    ]);
  });

  it('refuses districts in a province-level organisation, and communes outside districts at district level', () => {
    const problems = problemsAfter((p) => {
      Object.assign(org(p, 'a-2025'), { appraisingUnits: [{ id: 'huyen-1', name: 'Huyện Một', communes: [] }] });
      Object.assign(org(p, 'a-2021'), { communes: [] });
    });
    expect(problems).toEqual([
      'Tổ chức "a-2021" thẩm định cấp huyện: các xã thuộc từng huyện trong appraisingUnits, không có communes',
      'Tổ chức "a-2025" thẩm định cấp tỉnh không có huyện: bỏ appraisingUnits/districts, liệt kê các xã trong communes',
    ]);
  });

  it('refuses a validFrom that is not a date and a formerDistrictId that is no earlier district', () => {
    const problems = problemsAfter((p) => {
      org(p, 'b-2021').validFrom = '2021-02-30';
      commune(p, 'a-2025', 'xa-moi').formerDistrictId = 'huyen-9';
    });
    expect(problems).toContain('Tổ chức "b-2021": validFrom "2021-02-30" không phải ngày dạng YYYY-MM-DD');
    expect(problems).toContain(
      'Đơn vị "xa-moi" (Xã Mới) của tổ chức "a-2025": formerDistrictId "huyen-9" không phải huyện của tổ chức nào trước',
    );
  });

  it('checks a province without organisations as its one legacy organisation', () => {
    const legacy: OrganisedProvince = {
      id: 'tinh-c',
      name: 'Tỉnh C',
      appraisingLevel: 'district',
      districts: [{ id: 'h', name: 'Huyện H', communes: [{ id: 'x', name: 'Xã X', kind: 'xa' }] }],
    };
    expect(provinceProblems(legacy)).toEqual([]);
    expect(provinceOrganisations(legacy).currentOrganisationId).toBe('default');
    legacy.districts![0]!.communes.push({ id: 'x', name: 'Xã X Khác', kind: 'xa' });
    expect(provinceProblems(legacy)).toEqual(['Tổ chức "default": mã "x" của đơn vị Xã X Khác trùng với đơn vị Xã X']);
  });
});

describe('resolveOrganisation', () => {
  it('gives a province-level organisation one appraising unit, the province, and the default block', () => {
    const o = resolveOrganisation(fixture());
    expect(o).toMatchObject({
      id: 'a-2025',
      appraisingLevel: 'province',
      cyclesRunHere: true,
      rankingBlocks: [DEFAULT_RANKING_BLOCK],
    });
    expect(o.appraisingUnits.map((u) => [u.id, u.name, u.level, u.communes.length])).toEqual([
      ['tinh-a', 'Tỉnh A', 'province', 4],
    ]);
    expect(o.communes.map((c) => [c.id, c.appraisingUnitId, c.rankingBlock, c.districtId])).toEqual([
      ['xa-moi', 'tinh-a', 'all', undefined],
      ['phuong-moi', 'tinh-a', 'all', undefined],
      ['xb-moi', 'tinh-a', 'all', undefined],
      ['dk', 'tinh-a', 'all', undefined],
    ]);
    expect(o.communes[0]).toMatchObject({
      code: '00001',
      formedFrom: ['x1', 'x2'],
      formerDistrictId: 'huyen-1',
      organisationId: 'a-2025',
    });
  });

  it('gives a district-level organisation its districts as appraising units', () => {
    const o = resolveOrganisation(fixture(), 'a-2021');
    expect(o.appraisingUnits.map((u) => [u.id, u.level, u.communes.map((c) => c.id)])).toEqual([
      ['huyen-1', 'district', ['x1', 'x2', 'tt1']],
      ['huyen-2', 'district', ['p1']],
    ]);
    expect(o.communes.find((c) => c.id === 'p1')).toMatchObject({ appraisingUnitId: 'huyen-2', districtId: 'huyen-2' });
    expect(resolveOrganisation(fixture(), 'b-2021').cyclesRunHere).toBe(false);
    expect(() => resolveOrganisation(fixture(), 'a-1999')).toThrow('Không có tổ chức "a-1999"');
  });

  it('ranks phường apart from xã and đặc khu when the organisation declares blocks', () => {
    const p = fixture();
    org(p, 'a-2025').rankingBlocks = [
      { id: 'phuong', label: 'Phường', kinds: ['phuong'] },
      { id: 'xa', label: 'Xã và đặc khu', kinds: ['xa', 'dac-khu'] },
    ];
    expect(provinceProblems(p)).toEqual([]);
    const o = resolveOrganisation(p);
    expect(o.rankingBlocks.map((b) => b.id)).toEqual(['phuong', 'xa']);
    expect(Object.fromEntries(o.communes.map((c) => [c.id, c.rankingBlock]))).toEqual({
      'xa-moi': 'xa',
      'phuong-moi': 'phuong',
      'xb-moi': 'xa',
      dk: 'xa',
    });
    expect(rankingBlockOf(o.rankingBlocks, 'dac-khu')).toBe('xa');
    expect(() => rankingBlockOf(o.rankingBlocks, 'thi-tran')).toThrow('thi-tran');
  });

  it('resolves a province without organisations from its districts', () => {
    const o = resolveOrganisation({
      id: 't',
      name: 'T',
      appraisingLevel: 'district',
      districts: [{ id: 'h', name: 'H', communes: [{ id: 'x', name: 'Xã X', kind: 'xa' }] }],
    });
    expect(o).toMatchObject({
      id: 'default',
      appraisingLevel: 'district',
      appraisingUnits: [{ id: 'h', communes: [{ id: 'x', appraisingUnitId: 'h' }] }],
    });
  });

  it('finds the organisation in force on a date, skipping those no cycle runs in', () => {
    const p = fixture();
    expect(organisationAt(p, '2024-12-31')?.id).toBe('a-2021');
    expect(organisationAt(p, '2025-06-30')?.id).toBe('a-2021');
    expect(organisationAt(p, '2025-07-01')?.id).toBe('a-2025');
    expect(organisationAt(p, '2020-01-01')).toBeUndefined();
  });
});

describe('merge mapping', () => {
  const orgs = () => fixture().organisations;

  it('answers the units a merged unit was formed from, across organisations of the same date', () => {
    expect(predecessorUnits(orgs(), 'a-2025', 'xb-moi')).toMatchObject([
      { id: 'xb', organisationId: 'b-2021', districtId: 'huyen-b' },
    ]);
    expect(earlierUnits(orgs(), 'a-2025', 'phuong-moi', 'a-2021').map((u) => u.id)).toEqual(['tt1', 'p1', 'x2']);
    expect(earlierUnits(orgs(), 'a-2025', 'xb-moi', 'a-2021')).toEqual([]);
    expect(earlierUnits(orgs(), 'a-2025', 'dk', 'a-2021')).toEqual([]);
  });

  it('is the identity within one organisation and refuses a later target', () => {
    expect(earlierUnits(orgs(), 'a-2021', 'x1', 'a-2021')).toMatchObject([
      { id: 'x1', name: 'Xã Một', organisationId: 'a-2021' },
    ]);
    expect(() => earlierUnits(orgs(), 'a-2021', 'x1', 'a-2025')).toThrow('không có trước');
    expect(() => earlierUnits(orgs(), 'a-2025', 'khong-co', 'a-2021')).toThrow('không có đơn vị "khong-co"');
  });

  it('follows several merges transitively, each earlier unit once, and keeps unchanged units by id', () => {
    const more = [
      ...orgs(),
      {
        id: 'a-2027',
        label: 'Tỉnh A từ 2027',
        validFrom: '2027-01-01',
        appraisingLevel: 'province',
        communes: [
          // merges two 2025 units that share x2 (it was split between them)
          { id: 'lon', name: 'Xã Lớn', kind: 'xa', formedFrom: ['xa-moi', 'phuong-moi'] },
          // no formedFrom: the same unit as in 2025
          { id: 'xb-moi', name: 'Xã B Mới', kind: 'xa' },
          { id: 'dk', name: 'Đặc khu Một', kind: 'dac-khu' },
        ],
      } satisfies OrganisationDefinition,
    ];
    expect(provinceProblems({ ...fixture(), organisations: more })).toEqual([]);
    expect(earlierUnits(more, 'a-2027', 'lon', 'a-2021').map((u) => u.id)).toEqual(['x1', 'x2', 'tt1', 'p1']);
    expect(earlierUnits(more, 'a-2027', 'lon', 'a-2025').map((u) => u.id)).toEqual(['xa-moi', 'phuong-moi']);
    expect(earlierUnits(more, 'a-2027', 'xb-moi', 'a-2025').map((u) => u.id)).toEqual(['xb-moi']);
    expect(earlierUnits(more, 'a-2027', 'xb-moi', 'b-2021').map((u) => u.id)).toEqual(['xb']);
  });

  it('answers each earlier unit with its own index and the half-up mean of those that have one', () => {
    const y = yearOverYear(
      orgs(),
      { organisationId: 'a-2025', unitId: 'phuong-moi' },
      { organisationId: 'a-2021', indexByUnit: { tt1: 8001, p1: 7000, x2: null, x1: 9999 } },
    );
    expect(y.units.map((u) => [u.unit.id, u.index])).toEqual([
      ['tt1', 8001],
      ['p1', 7000],
      ['x2', null],
    ]);
    expect(y.mean).toBe(7501); // (8001 + 7000) / 2 = 7500.5 → 7501
    const none = yearOverYear(
      orgs(),
      { organisationId: 'a-2025', unitId: 'xa-moi' },
      { organisationId: 'a-2021', indexByUnit: {} },
    );
    expect(none.units.map((u) => u.index)).toEqual([null, null]);
    expect(none.mean).toBeNull();
    // An id like a property of every object is still not an index.
    const proto = yearOverYear(
      [
        {
          id: 'o',
          label: 'O',
          validFrom: '2021-12-30',
          appraisingLevel: 'province',
          communes: [{ id: 'constructor', name: 'Xã C', kind: 'xa' }],
        },
      ],
      { organisationId: 'o', unitId: 'constructor' },
      { organisationId: 'o', indexByUnit: {} },
    );
    expect(proto.units[0]!.index).toBeNull();
  });

  it('rounds the mean half-up in integers', () => {
    expect(meanHundredths([])).toBeNull();
    expect(meanHundredths([1, 2])).toBe(2);
    expect(meanHundredths([1, 1, 2])).toBe(1);
    expect(meanHundredths([8333, 8333, 8334])).toBe(8333);
    expect(meanHundredths([10000])).toBe(10000);
  });
});

describe('merge mapping on Thái Nguyên (Nghị quyết 1683/NQ-UBTVQH15)', () => {
  const orgs = thaiNguyen.organisations!;
  const codes = (units: { code?: string }[]) => units.map((u) => u.code);

  it('forms Phường Đức Xuân 01840 from 01834, 01840 and 01846 of Bắc Kạn', () => {
    expect(codes(earlierUnits(orgs, 'tn-2025', 'duc-xuan', 'bk-2021'))).toEqual(['01834', '01840', '01846']);
    expect(earlierUnits(orgs, 'tn-2025', 'duc-xuan', 'bk-2021').map((u) => u.districtId)).toEqual([
      'tp-bac-kan',
      'tp-bac-kan',
      'tp-bac-kan',
    ]);
  });

  it('has no earlier index for a Bắc Kạn unit: no cycle of this deployment ran there', () => {
    const from2024 = yearOverYear(
      orgs,
      { organisationId: 'tn-2025', unitId: 'duc-xuan' },
      { organisationId: 'tn-2021', indexByUnit: { 'duc-xuan': 9000 } },
    );
    expect(from2024).toEqual({ organisationId: 'tn-2021', units: [], mean: null });
    const fromBacKan = yearOverYear(
      orgs,
      { organisationId: 'tn-2025', unitId: 'duc-xuan' },
      { organisationId: 'bk-2021', indexByUnit: {} },
    );
    expect(fromBacKan.units.map((u) => [u.unit.code, u.index])).toEqual([
      ['01834', null],
      ['01840', null],
      ['01846', null],
    ]);
    expect(fromBacKan.mean).toBeNull();
  });

  it('lists Phường Gia Sàng 05461, split by the resolution, under both new units', () => {
    const tn2025 = orgs.find((o) => o.id === 'tn-2025')!;
    const heirs = (tn2025.appraisingLevel === 'province' ? tn2025.communes : []).filter((c) =>
      earlierUnits(orgs, 'tn-2025', c.id, 'tn-2021').some((u) => u.code === '05461'),
    );
    expect(heirs.map((c) => [c.code, c.name])).toEqual([
      ['05443', 'Phường Phan Đình Phùng'],
      ['05467', 'Phường Gia Sàng'],
    ]);
    const y = yearOverYear(
      orgs,
      { organisationId: 'tn-2025', unitId: 'gia-sang' },
      { organisationId: 'tn-2021', indexByUnit: { 'gia-sang': 8512, 'cam-gia': 7725, 'dong-lien': 9001 } },
    );
    expect(y.units.map((u) => [u.unit.code, u.unit.name, u.index])).toEqual([
      ['05461', 'Phường Gia Sàng', 8512],
      ['05467', 'Phường Cam Giá', 7725],
      ['05473', 'Phường Hương Sơn', null],
      ['05914', 'Xã Đồng Liên', 9001],
    ]);
    expect(y.mean).toBe(8413); // (8512 + 7725 + 9001) / 3 = 8412.67
  });

  it('keeps the demo commune Xã Phúc Xuân as one of the units of the new Xã Đại Phúc', () => {
    const dp = resolveOrganisation(thaiNguyen).communes.find((c) => c.code === '05488')!;
    expect(dp.name).toBe('Xã Đại Phúc');
    expect(earlierUnits(orgs, 'tn-2025', dp.id, 'tn-2021').map((u) => [u.id, u.districtId])).toContainEqual([
      'phuc-xuan',
      'tp-thai-nguyen',
    ]);
  });
});

describe('unit kinds in the schemas and the framework', () => {
  it('accepts đặc khu and still thị trấn, refuses an unknown kind', () => {
    expect(unitKind.parse('dac-khu')).toBe('dac-khu');
    expect(unitKind.parse('thi-tran')).toBe('thi-tran');
    expect(unitKind.safeParse('thi-xa').success).toBe(false);
  });

  it("carries 8.3.1's meaning for a đặc khu through the framework response", () => {
    const r = frameworkResponse.parse(toWire(decision4203Document()));
    const r831 = r.items
      .flatMap((a) => a.children)
      .flatMap((c) => c.children)
      .find((i) => i.code === '8.3.1');
    expect(r831?.titleByUnitKind?.['dac-khu']).toBe('Quản lý các hoạt động xây dựng');
  });
});

describe('departments (sở, ban, ngành) beside the communes', () => {
  const DEPARTMENTS = [
    { id: 'so-noi-vu', name: 'Sở Nội vụ' },
    { id: 'so-tai-chinh', code: 'STC', name: 'Sở Tài chính' },
  ];
  const withDepartments = (p: Fixture) => {
    const o = org(p, 'a-2025');
    if (o.appraisingLevel !== 'province') throw new Error('a-2025 is province-level');
    o.departments = structuredClone(DEPARTMENTS);
    o.rankingBlocks = [
      { id: 'xa', label: 'Xã, phường và đặc khu', kinds: ['xa', 'phuong', 'dac-khu'] },
      { id: 'so', label: 'Sở, ban, ngành', kinds: ['department'] },
    ];
  };

  it('a province-level organisation lists them: units of kind department under the province, ranked in their own block', () => {
    const p = fixture();
    withDepartments(p);
    expect(provinceProblems(p)).toEqual([]);
    const o = resolveOrganisation(p);
    expect(o.appraisingUnits).toHaveLength(1);
    expect(
      o.communes.filter((c) => c.kind === 'department').map((c) => [c.id, c.name, c.appraisingUnitId, c.rankingBlock, c.code]),
    ).toEqual([
      ['so-noi-vu', 'Sở Nội vụ', 'tinh-a', 'so', undefined],
      ['so-tai-chinh', 'Sở Tài chính', 'tinh-a', 'so', 'STC'],
    ]);
    expect(o.communes.filter((c) => c.kind !== 'department').every((c) => c.rankingBlock === 'xa')).toBe(true);
    expect(unitKind.parse('department')).toBe('department');
  });

  it('refuses a block holding departments and anything else, and departments no block holds', () => {
    expect(
      problemsAfter((p) => {
        withDepartments(p);
        org(p, 'a-2025').rankingBlocks = [
          { id: 'xa', label: 'Xã và đặc khu', kinds: ['xa', 'dac-khu'] },
          { id: 'so', label: 'Phường và sở', kinds: ['phuong', 'department'] },
        ];
      }),
    ).toEqual(['Tổ chức "a-2025": khối xếp hạng "so" gồm sở, ban, ngành thì không gồm loại đơn vị nào khác']);
    expect(
      problemsAfter((p) => {
        withDepartments(p);
        org(p, 'a-2025').rankingBlocks = undefined;
      }),
    ).toEqual([
      'Đơn vị "so-noi-vu" (Sở Nội vụ) của tổ chức "a-2025": không khối xếp hạng nào gồm loại "department"',
      'Đơn vị "so-tai-chinh" (Sở Tài chính) của tổ chức "a-2025": không khối xếp hạng nào gồm loại "department"',
    ]);
  });

  it('refuses departments in a district-level organisation, a commune of kind department, and an id a commune holds', () => {
    expect(
      problemsAfter((p) => {
        (org(p, 'a-2021') as unknown as Record<string, unknown>).departments = DEPARTMENTS;
      }),
    ).toEqual([
      'Tổ chức "a-2021": chỉ tổ chức do tỉnh thẩm định (appraisingLevel "province") mới có sở, ban, ngành (departments)',
    ]);
    expect(
      problemsAfter((p) => {
        withDepartments(p);
        commune(p, 'a-2025', 'xb-moi').kind = 'department';
      }),
    ).toEqual([
      'Đơn vị "xb-moi" (Xã B Mới) của tổ chức "a-2025": sở, ban, ngành khai trong "departments" của tổ chức cấp tỉnh, không khai như một xã',
    ]);
    expect(
      problemsAfter((p) => {
        withDepartments(p);
        const o = org(p, 'a-2025');
        if (o.appraisingLevel === 'province') o.departments![0]!.id = 'dk';
      }),
    ).toEqual([expect.stringContaining('trùng với')]);
  });
});
