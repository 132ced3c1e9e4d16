/**
 * The appendix layout (shared/frameworks/table.ts), the pure half of the Excel export/import: export
 * then import gives the same definition for random documents; a plain appendix (STT, title, Điểm tối đa
 * as text "0,25") imports as Decision 4203's tree; a bad cell is named with its sheet and row.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
import type { FrameworkDocNode, FrameworkDocument } from '../../shared/frameworks/document.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
import {
  MAX_TABLE_ROWS,
  frameworkFromTables,
  frameworkToTables,
  type Cell,
  type FrameworkDefinitionDoc,
} from '../../shared/frameworks/table.js';
import { richDocument } from '../support/framework-docs.js';

const definitionOf = ({
  id: _id,
  status: _status,
  version: _version,
  ...definition
}: FrameworkDocument): FrameworkDefinitionDoc => definition;

describe('export then import', () => {
  it('gives back the same definition, for random documents', () => {
    fc.assert(
      fc.property(richDocument, (doc) => {
        const back = frameworkFromTables(frameworkToTables(definitionOf(doc)), 'khac.xlsx');
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(back.definition).toEqual(definitionOf(doc));
      }),
      { numRuns: 200 },
    );
  });

  it('gives back Decision 4203 and the sample draft', () => {
    for (const doc of [decision4203Document(), sampleFramework2026()]) {
      const back = frameworkFromTables(frameworkToTables(definitionOf(doc)), 'x.xlsx');
      expect(back).toEqual({ ok: true, definition: definitionOf(doc) });
    }
  });

  it('writes the points a Vietnamese reader types: 4203’s maxima as numbers in points', () => {
    const [sheet] = frameworkToTables(definitionOf(decision4203Document()));
    const header = sheet!.rows[1]!;
    const row131 = sheet!.rows.find((r) => r[0] === '1.3.1')!;
    const source = thaiNguyen4203.rows.find((r) => r.code === '1.3.1')!;
    expect(row131[header.indexOf('Điểm tối đa')]).toBe(source.maxPoints);
  });
});

describe('a plain appendix: STT, title, Điểm tối đa', () => {
  const appendix = (rows: Cell[][]) => [
    { name: 'Phụ lục I', rows: [['Phụ lục I'], [], ['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa'], ...rows] },
  ];

  it('imports Decision 4203’s rows, maxima as typed text (0,25), as its tree of score rows', () => {
    const rows = thaiNguyen4203.rows.map((r) => [r.code, r.title, String(r.maxPoints).replace('.', ',')]);
    const back = frameworkFromTables(appendix(rows), 'qd-4203.xlsx');
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    const strip = (n: FrameworkDocNode): unknown => ({
      code: n.code,
      title: n.title,
      maxPoints: n.maxPoints,
      kind: n.kind,
      children: n.children.map(strip),
    });
    expect(back.definition.title).toBe('Phụ lục I');
    expect(back.definition.total).toBe(thaiNguyen4203.totalPoints * 100);
    expect(back.definition.sets[0]!.items.map(strip)).toEqual(decision4203Document().sets[0]!.items.map(strip));
  });

  it('takes its title from the file name when the sheet has no title row', () => {
    const back = frameworkFromTables(
      [
        {
          name: 'Trang 1',
          rows: [
            ['STT', 'Tên', 'Điểm tối đa'],
            ['I', 'Lĩnh vực', 1],
          ],
        },
      ],
      'Bộ tiêu chí 2026.xlsx',
    );
    expect(back.ok && back.definition.title).toBe('Bộ tiêu chí 2026');
  });

  it('names the sheet and the row of every bad cell, all at once', () => {
    const back = frameworkFromTables(
      appendix([
        ['I', 'Lĩnh vực', 'một'],
        ['1.1', 'Tiêu chí', 1],
        [null, 'Không mã', 1],
      ]),
      'x.xlsx',
    );
    expect(back.ok).toBe(false);
    if (back.ok) return;
    // The header is on row 3: rows 4 and 6 are the bad ones.
    expect(back.problems.map((p) => [p.sheet, p.row])).toEqual([
      ['Phụ lục I', 4],
      ['Phụ lục I', 6],
    ]);
    for (const p of back.problems) expect(p.message).toMatch(new RegExp(`^Trang "Phụ lục I", dòng ${p.row}: `));
  });

  it('refuses a sheet without the header, and one longer than the limit, naming the sheet', () => {
    const none = frameworkFromTables([{ name: 'Dữ liệu', rows: [['a', 'b']] }], 'x.xlsx');
    expect(none.ok || none.problems[0]!.message).toContain('Trang "Dữ liệu"');
    const long = frameworkFromTables(
      [{ name: 'Dài', rows: Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => [`${i}`, 't', 1]) }],
      'x.xlsx',
    );
    expect(long.ok || long.problems[0]!.message).toContain('Trang "Dài"');
    expect(long.ok || long.problems[0]!.message).toContain(String(MAX_TABLE_ROWS));
  });
});
