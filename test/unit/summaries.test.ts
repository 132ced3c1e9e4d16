/** The summary's packing (functions/lib/store/summaries.ts): every row's points come back exactly, and scoring agrees. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPacked,
  packList,
  packRows,
  packSummary,
  readSummary,
  unpackLeaves,
  unpackRows,
} from '../../functions/lib/store/summaries.js';
import { totalsOf, type AssessmentFigures, type ScoreRow } from '../../shared/assessment.js';
import { getFramework } from '../../shared/framework-registry.js';

const fw = getFramework('thai-nguyen-4203-2021')!;

/** Any rows a stored assessment can hold: each leaf absent, or scored within its maximum (quarter points or not), not applicable where allowed. */
const rowsArb = fc
  .array(
    fc.record({
      self: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      appraised: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      na: fc.boolean(),
      present: fc.boolean(),
    }),
    { minLength: fw.leaves.length, maxLength: fw.leaves.length },
  )
  .map((cells) => {
    const rows: Record<string, ScoreRow> = {};
    fw.leaves.forEach((leaf, i) => {
      const c = cells[i]!;
      if (!c.present) return;
      const row: ScoreRow = {};
      const na = c.na && leaf.notApplicableAllowed;
      if (na) row.notApplicable = true;
      if (!na && c.self !== undefined) row.self = Math.round((leaf.max * c.self) / 100);
      if (c.appraised !== undefined) row.appraised = Math.round((leaf.max * c.appraised) / 100);
      if (Object.keys(row).length) rows[leaf.code] = row;
    });
    return rows;
  });

const figures = (rows: Record<string, ScoreRow>): AssessmentFigures => ({
  cycleId: '2026',
  unitId: 'x',
  unitName: 'Xã X',
  unitKind: 'xa',
  districtId: 'd',
  provinceId: 'p',
  frameworkId: fw.id,
  status: 'APPRAISED',
  selfLocked: true,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  rows,
});

describe('packed points', () => {
  it('round-trip every row exactly, and the totals from the arrays equal those from the rows', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const packed = packRows(fw, rows);
        expect(unpackRows(fw, packed)).toEqual(rows);
        const fromRows = totalsOf(fw, figures(rows));
        const fromArrays = totalsOf(fw, { ...figures({}), leafScores: unpackLeaves(fw, packed) });
        expect(fromArrays.self.points).toBe(fromRows.self.points);
        expect(fromArrays.appraised.index).toBe(fromRows.appraised.index);
        expect(fromArrays.appraised.nodes).toEqual(fromRows.appraised.nodes);
      }),
      { numRuns: 200 },
    );
  });

  it('take four characters a leaf, and refuse what they cannot hold', () => {
    const full = Object.fromEntries(fw.leaves.map((l) => [l.code, { self: l.max, appraised: l.max }]));
    const packed = packRows(fw, full);
    expect(packed).toHaveLength(4 * fw.leaves.length);
    expect(packList(fw, full).join('')).toBe(packed);
    expect(Math.max(...fw.leaves.map((l) => l.max))).toBeLessThan(36 ** 2);
    expect(() => packRows(fw, { [fw.leaves[0]!.code]: { self: 36 ** 2 } })).toThrow(/range/);
    expect(() => packRows(fw, { [fw.leaves[0]!.code]: { self: -25 } })).toThrow(/range/);
  });

  it("are read only when tagged with their own item's version and of the framework's shape", () => {
    const rows = { [fw.leaves[0]!.code]: { self: 25 }, [fw.leaves[3]!.code]: { self: 50, appraised: 25 } };
    const head = {
      cycleId: '2026',
      districtId: 'huyen-1',
      unitId: 'xa-1',
      frameworkId: fw.id,
      unitName: 'Xã "Tân" Cương: [thử]',
      status: 'SUBMITTED',
      selfLocked: true,
      late: false,
      updatedAt: '2026-12-03T10:00:00.000Z',
    };
    const pts = packSummary(fw, { ...head, rows }, 7);
    expect(pts.startsWith(`7:${fw.id}:`)).toBe(true);
    // Exact: the tag is the item's version; every head field comes back, absent ones stay absent.
    const read = readSummary({ version: 7, pts })!;
    expect(read.fw).toBe(fw);
    expect(unpackRows(fw, read.leaves)).toEqual(rows);
    const { frameworkId: _f, ...fields } = head;
    expect(read.head).toEqual(fields);
    expect('submittedAt' in read.head).toBe(false);
    // Stale: another write landed after the state it was computed from (the version moved past the tag).
    expect(readSummary({ version: 8, pts })).toBeUndefined();
    expect(readSummary({ version: 17, pts })).toBeUndefined();
    expect(readSummary({ version: 70, pts })).toBeUndefined();
    // Absent, from before this shape (a list, untagged, or leaves only), or of another shape.
    expect(readSummary({ version: 7 })).toBeUndefined();
    expect(readSummary({ version: 7, pts: fw.leaves.map(() => '----') })).toBeUndefined();
    expect(readSummary({ version: 7, pts: packRows(fw, rows) })).toBeUndefined();
    expect(readSummary({ version: 7, pts: `7:${packRows(fw, rows)}` })).toBeUndefined();
    expect(readSummary({ version: 7, pts: `7:${fw.id}:${packRows(fw, rows)}` })).toBeUndefined();
    expect(readSummary({ version: 7, pts: pts.replace(`:${fw.id}:`, ':khung-khac:') })).toBeUndefined();
    expect(readSummary({ version: 7, pts: pts.replace(packRows(fw, rows), packRows(fw, rows).slice(4)) })).toBeUndefined();
    expect(readSummary({ version: 7, pts: pts.slice(0, -1) })).toBeUndefined();
    expect(readSummary({ version: 7, pts: `:${fw.id}:${packRows(fw, rows)}[]` })).toBeUndefined();
    expect(readSummary({ version: 7, pts: `7:${fw.id}:${packRows(fw, rows)}[1,2]` })).toBeUndefined();
  });

  it("one leaf an element in the item's own list, which reads the same as the string", () => {
    const rows = { [fw.leaves[1]!.code]: { notApplicable: true }, [fw.leaves[5]!.code]: { self: 75, appraised: 50 } };
    const list = packList(fw, rows);
    expect(isPacked(list, fw)).toBe(true);
    expect(unpackRows(fw, list)).toEqual(rows);
    expect(isPacked(list.slice(1), fw)).toBe(false);
    expect(isPacked(packRows(fw, rows), fw)).toBe(false);
    expect(isPacked([...list.slice(1), 'abc'], fw)).toBe(false);
  });
});
