/**
 * A framework with a criteria set per unit kind (issue 22, item 1): the ranking and the consolidated view
 * score each assessment against the set of its kind; the area achievement and the weaknesses are of the
 * xã set only (rows of different sets do not add up).
 */
import { describe, expect, it } from 'vitest';
import { consolidate, rankAssessments } from '../../shared/analysis.js';
import type { Assessment, StoredRow } from '../../shared/assessment.js';
import type { UnitKind } from '../../shared/framework.js';
import { getFramework, registerFramework } from '../../shared/framework-registry.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import type { FrameworkDocNode } from '../../shared/frameworks/model.js';

const doc = decision4203Document();
doc.id = 'thu-hai-bo-don-vi';
doc.status = 'active';
const common = doc.sets[0]!;
const flatten = (items: FrameworkDocNode[]): FrameworkDocNode[] => items.flatMap((i) => [i, ...flatten(i.children)]);
const L = flatten(common.items).find((n) => n.children.length === 0 && n.maxPoints >= 50)!;
const phuongItems = structuredClone(common.items);
const split = flatten(phuongItems).find((n) => n.code === L.code)!;
split.kind = 'group';
split.children = [
  { ...structuredClone(L), code: `${L.code}.a`, maxPoints: L.maxPoints - 25, children: [] },
  { ...structuredClone(L), code: `${L.code}.b`, maxPoints: 25, children: [] },
];
doc.sets = [
  { ...common, unitKinds: common.unitKinds.filter((k) => k !== 'phuong') },
  { id: 'phuong', title: 'Tiêu chí phường', unitKinds: ['phuong'], items: phuongItems },
];
registerFramework(doc);
const xa = getFramework(doc.id, 'xa')!;
const phuong = getFramework(doc.id, 'phuong')!;
const frameworkFor = (kind: UnitKind) => getFramework(doc.id, kind)!;

/** Appraised at every leaf's maximum of its kind's set, less 25 hundredths on `lose` if given. */
function unit(unitId: string, kind: UnitKind, lose?: string): Assessment {
  const fw = frameworkFor(kind);
  const rows: Record<string, StoredRow> = {};
  for (const l of fw.leaves) {
    const score = l.code === lose ? l.max - 25 : l.max;
    rows[l.code] = { self: score, appraised: score };
  }
  return {
    cycleId: '2036',
    unitId,
    unitName: unitId,
    unitKind: kind,
    districtId: 'thai-nguyen',
    provinceId: 'thai-nguyen',
    frameworkId: doc.id,
    status: 'APPRAISED',
    selfLocked: true,
    version: 1,
    rows,
    updatedAt: '2036-11-20T08:00:00+07:00',
  };
}

const blocks = { order: ['phuong', 'xa'], of: (k: UnitKind) => (k === 'phuong' ? 'phuong' : 'xa') };
const list = [unit('x1', 'xa'), unit('x2', 'xa', L.code), unit('p1', 'phuong'), unit('p2', 'phuong', `${L.code}.b`)];

describe('a framework with a set per unit kind', () => {
  it('the two views differ where the sets do', () => {
    expect(phuong).not.toBe(xa);
    expect(phuong.leaves.length).toBe(xa.leaves.length + 1);
    expect(xa.byCode.has(`${L.code}.a`)).toBe(false);
  });

  it('rankAssessments scores each assessment on its own set, block by block', () => {
    const rows = rankAssessments(frameworkFor, list, blocks);
    expect(rows.map((r) => [r.unitId, r.block, r.rank, r.appraised.points])).toEqual([
      ['p1', 'phuong', 1, 10000],
      ['p2', 'phuong', 2, 9975],
      ['x1', 'xa', 1, 10000],
      ['x2', 'xa', 2, 9975],
    ]);
    // Scored on the xã set alone, a phường has none of L.a and L.b scored: it is not full.
    expect(rankAssessments(xa, list, blocks).find((r) => r.unitId === 'p1')!.appraised.points).toBeLessThan(10000);
  });

  it('consolidate ranks on each set, and keeps the row analysis to the xã set', () => {
    const c = consolidate(xa, list, () => 'APPROVED', { blocks, frameworkFor });
    expect(c.rows.map((r) => [r.unitId, r.appraised.points])).toEqual([
      ['p1', 10000],
      ['p2', 9975],
      ['x1', 10000],
      ['x2', 9975],
    ]);
    const lost = c.weaknesses.total.filter((w) => w.averageLost > 0);
    expect(lost.map((w) => [w.code, w.communes])).toEqual([[L.code, 2]]);
  });
});
