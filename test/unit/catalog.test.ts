import { describe, expect, it } from 'vitest';
import { buildFramework, getFramework, InvalidInput, titleFor, type FrameworkDefinition } from '../../shared/index.js';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
import { readFileSync } from 'node:fs';

const fw = getFramework('thai-nguyen-4203-2021')!;

describe('Decision 4203 catalog', () => {
  it('has the 155 rows of the appendix, 119 of them scored, in 8 areas', () => {
    expect(fw.rows).toHaveLength(155);
    expect(fw.leaves).toHaveLength(119);
    expect(fw.areas.map((a) => a.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
  });

  it('has the area maxima of the decision (10, 7, 20, 20, 10, 5, 12, 16) adding to 100', () => {
    expect(fw.areas.map((a) => a.max / 100)).toEqual([10, 7, 20, 20, 10, 5, 12, 16]);
    expect(fw.total).toBe(10000);
  });

  it('keeps every code, title and maximum exactly as the decision text writes them', () => {
    // The decision's text ships in the repository (docs/decision-4203/README.md says where it came from).
    const seed = readFileSync(new URL('../../docs/decision-4203/4203-QD-UBND-2021.txt', import.meta.url), 'utf8');
    const cells = seed.split('\n').map((l) => l.trim());
    for (const row of fw.rows) {
      const at = cells.findIndex((c, i) => c === row.code && cells[i + 1] === row.title);
      expect(at, `row ${row.code} "${row.title}"`).toBeGreaterThanOrEqual(0);
      expect(cells[at + 2]).toBe(String(row.max / 100).replace('.', ','));
    }
  });

  it('allows not-applicable exactly on the rows marked "(nếu có)"', () => {
    const na = fw.rows.filter((r) => r.notApplicableAllowed).map((r) => r.code);
    expect(na).toEqual(['1.8', '1.8.1', '1.8.2', '8.5.1', '8.5.2']);
  });

  it('shows 8.3.1 with the meaning for the unit kind', () => {
    const row = fw.byCode.get('8.3.1')!;
    expect(titleFor(row, 'xa')).toBe('Thực hiện chương trình xây dựng nông thôn mới');
    expect(titleFor(row, 'phuong')).toBe('Quản lý các hoạt động xây dựng');
    expect(titleFor(row, 'thi-tran')).toBe('Quản lý các hoạt động xây dựng');
    // A đặc khu is not a xã: the decision's other meaning (see the catalog's comment).
    expect(titleFor(row, 'dac-khu')).toBe('Quản lý các hoạt động xây dựng');
    expect(titleFor(row)).toContain('(đối với xã)');
  });
});

describe('catalog validator', () => {
  const clone = (): FrameworkDefinition => structuredClone(thaiNguyen4203);
  const rejects = (def: FrameworkDefinition, pattern: RegExp, code?: string) => {
    try {
      buildFramework(def);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInput);
      expect((e as Error).message).toMatch(pattern);
      if (code) expect((e as InvalidInput).details).toEqual({ code });
      return;
    }
    throw new Error('expected the catalog to be rejected');
  };

  it('accepts the decision as it is', () => {
    expect(() => buildFramework(clone())).not.toThrow();
  });
  it('rejects a duplicate code, naming it', () => {
    const d = clone();
    d.rows.push({ ...d.rows[2]! });
    rejects(d, /1\.1\.1.*trùng/, '1.1.1');
  });
  it('rejects a parent that is not the sum of its children, naming the parent', () => {
    const d = clone();
    d.rows.find((r) => r.code === '1.1.1')!.maxPoints = 0.75;
    rejects(d, /dòng 1\.1 /, '1.1');
  });
  it('rejects a maximum that is not in quarter points, naming the row', () => {
    const d = clone();
    d.rows.find((r) => r.code === '1.2.1')!.maxPoints = 0.3;
    rejects(d, /1\.2\.1.*0,25/, '1.2.1');
  });
  it('rejects a total different from the declared one', () => {
    const d = clone();
    d.totalPoints = 99;
    rejects(d, /Tổng điểm các lĩnh vực \(100\)/);
  });
  it('rejects a row whose parent is missing', () => {
    const d = clone();
    d.rows.push({ code: '9.9.9', title: 'x', maxPoints: 1 });
    rejects(d, /9\.9\.9.*9\.9/, '9.9.9');
  });
  it('rejects class bands out of order', () => {
    const d = clone();
    d.classBands = [...d.classBands].reverse();
    rejects(d, /xếp loại/);
  });
});
