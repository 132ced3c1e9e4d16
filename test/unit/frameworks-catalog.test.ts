/**
 * Decision 4203 as a framework document (shared/frameworks/from-catalog.ts) against the compiled
 * catalog it is converted from, read by the product's own builder (buildFramework); and the sample
 * draft 2026 (shared/frameworks/sample.ts).
 */
import { describe, expect, it } from 'vitest';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
import { buildFramework, type FrameworkNode } from '../../shared/framework.js';
import { walk, type FrameworkDocNode } from '../../shared/frameworks/document.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
import { parseFrameworkDocument, validateFramework } from '../../shared/frameworks/validate.js';

const compiled = buildFramework(thaiNguyen4203);
const doc = decision4203Document();

describe('Decision 4203 as a document', () => {
  it('has the shape of a stored document and validates with no problem', () => {
    expect(parseFrameworkDocument(doc).ok).toBe(true);
    expect(validateFramework(doc)).toEqual([]);
  });

  it('holds the decision: 155 rows, 119 scored, 100 points, one set for every commune kind', () => {
    const rows = [...walk(doc.sets[0]!.items)];
    expect(doc.sets).toHaveLength(1);
    expect(doc.sets[0]!.unitKinds.sort()).toEqual(['dac-khu', 'phuong', 'thi-tran', 'xa']);
    expect(rows).toHaveLength(155);
    expect(rows.filter((r) => r.children.length === 0)).toHaveLength(119);
    expect(doc.total).toBe(100 * 100);
    expect(doc.bonus).toBeUndefined();
    expect(doc.penalty).toBeUndefined();
  });

  it('matches the compiled catalog node for node: code, title, maximum, not applicable, place, titles per kind', () => {
    const compare = (a: FrameworkDocNode, b: FrameworkNode) => {
      expect(a.code).toBe(b.code);
      expect(a.title).toBe(b.title);
      expect(a.maxPoints).toBe(b.max);
      expect(a.notApplicableAllowed).toBe(b.notApplicableAllowed);
      expect(a.titleByUnitKind).toEqual(b.titleByUnitKind);
      expect(a.kind).toBe(b.children.length > 0 ? 'group' : 'score');
      expect(a.children.map((c) => c.code)).toEqual(b.children.map((c) => c.code));
      a.children.forEach((c, i) => compare(c, b.children[i]!));
    };
    expect(doc.sets[0]!.items.map((a) => a.code)).toEqual(compiled.areas.map((a) => a.code));
    doc.sets[0]!.items.forEach((a, i) => compare(a, compiled.areas[i]!));
    expect([...walk(doc.sets[0]!.items)].map((n) => n.code)).toEqual(compiled.rows.map((r) => r.code));
  });

  it("keeps 8.3.1's meaning per unit kind", () => {
    const row = [...walk(doc.sets[0]!.items)].find((n) => n.code === '8.3.1')!;
    const source = thaiNguyen4203.rows.find((r) => r.code === '8.3.1')!;
    expect(row.titleByUnitKind).toEqual(source.titleByUnitKind);
    expect(row.titleByUnitKind?.xa).not.toBe(row.titleByUnitKind?.phuong);
  });

  it('keeps the class bands and the policy, with thresholds in hundredths of a point', () => {
    expect(doc.display).toBe('points');
    expect(doc.notApplicablePolicy).toBe(thaiNguyen4203.notApplicablePolicy);
    expect(doc.classBands).toEqual(thaiNguyen4203.classBands.map((b) => ({ ...b, minIndex: b.minIndex * 100 })));
  });

  it('is a fresh copy each time: changing one does not change the next', () => {
    const a = decision4203Document();
    a.sets[0]!.items[0]!.title = 'đã sửa';
    expect(decision4203Document().sets[0]!.items[0]!.title).toBe(thaiNguyen4203.rows[0]!.title);
  });
});

describe('the sample draft "Bộ tiêu chí mẫu 2026"', () => {
  const sample = sampleFramework2026();
  const rows = [...walk(sample.sets[0]!.items)];

  it('has the shape of a stored document and validates with no problem', () => {
    expect(parseFrameworkDocument(sample).ok).toBe(true);
    expect(validateFramework(sample)).toEqual([]);
  });

  it('is a draft labelled as a sample, based on 4203, with no decision of its own', () => {
    expect(sample.status).toBe('draft');
    expect(sample.decision).toBeUndefined();
    expect(sample.basedOn).toBe(doc.id);
    expect(sample.title).toContain('Bộ tiêu chí mẫu 2026');
    expect(sample.title).toContain('mẫu minh họa');
    expect(sample.display).toBe('percent');
  });

  it('has a bonus group capped at 3 points and a penalty group capped at 5, their rows labelled as samples', () => {
    expect(sample.bonus?.cap).toBe(3 * 100);
    expect(sample.penalty?.cap).toBe(5 * 100);
    for (const n of [...walk(sample.bonus!.items), ...walk(sample.penalty!.items)]) {
      expect(n.title).toContain('(mẫu)');
      expect(n.code).toMatch(/^[TP]\.\d+$/);
    }
  });

  it('has two choice-scored rows and one survey row; every other row is as in 4203', () => {
    expect(rows.filter((n) => n.kind === 'choice')).toHaveLength(2);
    expect(rows.filter((n) => n.kind === 'survey')).toHaveLength(1);
    const original = new Map([...walk(doc.sets[0]!.items)].map((n) => [n.code, n]));
    expect(rows.map((n) => n.code)).toEqual([...original.keys()]);
    for (const n of rows) {
      const o = original.get(n.code)!;
      expect([n.title, n.maxPoints, n.notApplicableAllowed]).toEqual([o.title, o.maxPoints, o.notApplicableAllowed]);
      if (n.kind === 'choice' || n.kind === 'survey') expect(n.guidance).toContain('minh họa');
      else expect({ ...n, children: n.children.map((c) => c.code) }).toEqual({ ...o, children: o.children.map((c) => c.code) });
    }
  });
});
