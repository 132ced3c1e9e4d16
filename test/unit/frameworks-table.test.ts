/**
 * The appendix layout (shared/frameworks/table.ts), the pure half of the Excel export/import: export
 * then import gives the same definition for random documents; a plain appendix (STT, title, Điểm tối đa
 * as text "0,25") imports as Decision 4203's tree; a bad cell is named with its sheet and row.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
import { walk, type FrameworkDocNode, type FrameworkDocument } from '../../shared/frameworks/document.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
import {
  MAX_TABLE_ROWS,
  frameworkFromTables,
  frameworkToTables,
  type Cell,
  type FrameworkDefinitionDoc,
} from '../../shared/frameworks/table.js';
import { consistentDocument } from '../support/framework-docs.js';

const definitionOf = ({
  id: _id,
  status: _status,
  version: _version,
  ...definition
}: FrameworkDocument): FrameworkDefinitionDoc => definition;

/** Text a cell keeps as typed: no surrounding blanks, no line breaks (options and titles per kind are one per line). */
const cellText = fc
  .string({
    minLength: 1,
    maxLength: 20,
    unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ ,.;:()-0123456789'.split('')),
  })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

/** Consistent documents with the optional fields filled at random. */
const richDocument = consistentDocument.chain((doc) => {
  const nodes = [...walk(doc.sets[0]!.items), ...walk(doc.bonus?.items ?? []), ...walk(doc.penalty?.items ?? [])];
  return fc
    .record({
      extras: fc.tuple(
        ...nodes.map(() =>
          fc.record({
            title: cellText,
            guidance: fc.option(cellText, { nil: undefined }),
            evidence: fc.option(fc.boolean(), { nil: undefined }),
            byKind: fc.option(fc.record({ xa: cellText, phuong: cellText }), { nil: undefined }),
            labels: fc.array(cellText, { minLength: 5, maxLength: 5 }),
          }),
        ),
      ),
      decision: fc.option(fc.record({ number: cellText, date: fc.constant('2025-12-31'), signer: cellText }), { nil: undefined }),
      basedOn: fc.option(fc.constantFrom('thai-nguyen-4203-2021', 'mau-2026'), { nil: undefined }),
      years: fc.array(fc.integer({ min: 2020, max: 2035 }), { maxLength: 3 }),
      title: cellText,
    })
    .map(({ extras, decision, basedOn, years, title }) => {
      const d = structuredClone(doc);
      const clones = [...walk(d.sets[0]!.items), ...walk(d.bonus?.items ?? []), ...walk(d.penalty?.items ?? [])];
      clones.forEach((n: FrameworkDocNode, i) => {
        const e = extras[i]!;
        n.title = e.title;
        if (e.guidance !== undefined) n.guidance = e.guidance;
        if (e.evidence !== undefined) n.evidenceRequired = e.evidence;
        if (e.byKind) n.titleByUnitKind = e.byKind;
        n.options?.forEach((o, k) => (o.label = e.labels[k % 5]!));
      });
      d.title = title;
      d.years = years;
      if (decision) d.decision = decision;
      if (basedOn) d.basedOn = basedOn;
      return d;
    });
});

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
