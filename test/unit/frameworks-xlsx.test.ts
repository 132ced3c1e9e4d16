/**
 * The framework as an .xlsx (functions/lib/framework-xlsx.ts): export then import is the identity on
 * random documents; a file Excel-like software wrote (exceljs, the oracle) in the plain appendix layout
 * imports; hostile files are each refused with a Vietnamese message naming the sheet (and the row).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
import { MAIN_SHEET, MAX_TABLE_ROWS, type FrameworkDefinitionDoc } from '../../shared/frameworks/table.js';
import { MAX_PART_BYTES, exportFrameworkXlsx, importFrameworkXlsx } from '../../functions/lib/framework-xlsx.js';
import { zip } from '../../functions/lib/xlsx/zip.js';
import { richDocument } from '../support/framework-docs.js';
import {
  definitionOf,
  exported,
  LAUGHS,
  lyingBomb,
  manyRows,
  millionthRow,
  rezip,
  sheetBomb,
  unzip,
  withDoctype,
  withExternalLink,
  withFormula,
} from '../support/xlsx-hostile.js';

function refusal(bytes: Buffer) {
  const r = importFrameworkXlsx(bytes, 'tai-len.xlsx');
  if (r.ok) throw new Error('the file was accepted');
  expect(r.problems).toHaveLength(1);
  return r.problems[0]!;
}

describe('export then import', () => {
  it('gives back the same definition, for random documents', () => {
    fc.assert(
      fc.property(richDocument, (doc) => {
        const back = importFrameworkXlsx(exportFrameworkXlsx(definitionOf(doc)), 'khac.xlsx');
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(back.definition).toEqual(definitionOf(doc));
      }),
      { numRuns: 60 },
    );
  });

  it('gives back Decision 4203 and the sample draft', () => {
    for (const doc of [decision4203Document(), sampleFramework2026()])
      expect(importFrameworkXlsx(exportFrameworkXlsx(definitionOf(doc)), 'x.xlsx')).toEqual({
        ok: true,
        definition: definitionOf(doc),
      });
  });

  it('writes a file that exceljs reads: the layout on the first sheet, maxima as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported() as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe(MAIN_SHEET);
    expect(sheet.getRow(2).getCell(1).value).toBe('STT');
    expect(sheet.getRow(2).getCell(3).value).toBe('Điểm tối đa');
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== '1.3.1') return;
      found = true;
      expect(row.getCell(3).value).toBe(thaiNguyen4203.rows.find((r) => r.code === '1.3.1')!.maxPoints);
    });
    expect(found).toBe(true);
  });
});

describe('a file written by other software (exceljs) in the plain appendix layout', () => {
  it('imports as 4203’s tree, maxima typed as text (0,25) or numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Phụ lục I');
    sheet.addRow(['PHỤ LỤC I: TIÊU CHÍ CHẤM ĐIỂM']);
    sheet.addRow(['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa', 'Cách thức, phương pháp đánh giá']);
    thaiNguyen4203.rows.forEach((r, i) =>
      sheet.addRow([
        r.code,
        r.title,
        i % 2 ? r.maxPoints : String(r.maxPoints).replace('.', ','),
        i === 0 ? 'Theo kế hoạch' : null,
      ]),
    );
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = importFrameworkXlsx(bytes, 'phu-luc.xlsx');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const codes = (items: FrameworkDefinitionDoc['sets'][number]['items']): unknown =>
      items.map((n) => [n.code, n.title, n.maxPoints, n.kind, codes(n.children)]);
    expect(r.definition.title).toBe('PHỤ LỤC I: TIÊU CHÍ CHẤM ĐIỂM');
    expect(codes(r.definition.sets[0]!.items)).toEqual(codes(decision4203Document().sets[0]!.items));
    expect(r.definition.sets[0]!.items[0]!.guidance).toBe('Theo kế hoạch');
  });

  it('names the sheet and row of a bad maximum', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Tiêu chí');
    sheet.addRow(['STT', 'Tên', 'Điểm tối đa']);
    sheet.addRow(['I', 'Lĩnh vực', 1]);
    sheet.addRow(['1.1', 'Tiêu chí', 'một điểm']);
    const r = importFrameworkXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.sheet, p.row])).toEqual([['Tiêu chí', 3]]);
    expect(r.problems[0]!.message).toContain('Trang "Tiêu chí", dòng 3');
  });
});

describe('hostile files are refused, each with one clear message', () => {
  it('not a zip at all', () => {
    expect(refusal(Buffer.from('STT;Điểm tối đa\nI;10\n')).message).toContain('không phải .xlsx');
    expect(refusal(Buffer.alloc(0)).message).toContain('không phải .xlsx');
    // A zip without a workbook: a .docx renamed, say.
    expect(refusal(zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }])).message).toContain('không phải .xlsx');
  });

  it('a zip bomb: a sheet that inflates far past the limit', () => {
    const bomb = sheetBomb(MAX_PART_BYTES);
    expect(bomb.length).toBeLessThan(MAX_PART_BYTES / 50);
    const p = refusal(bomb);
    expect(p.sheet).toBe(MAIN_SHEET);
    expect(p.message).toContain('quá lớn khi giải nén');
  });

  it('a zip bomb whose headers lie about its size', () => {
    // Every part's size declared 1 KB in the central directory: the limit must hold on what inflates.
    expect(refusal(lyingBomb(MAX_PART_BYTES)).message).toContain('quá lớn khi giải nén');
  });

  it('a million rows: one row numbered past the limit, or more rows than the limit', () => {
    const far = refusal(millionthRow());
    expect([far.sheet, far.row]).toEqual([MAIN_SHEET, 1000000]);
    const many = refusal(manyRows(MAX_TABLE_ROWS));
    expect(many.sheet).toBe(MAIN_SHEET);
    expect(many.message).toContain(`quá ${MAX_TABLE_ROWS} dòng`);
  });

  it('a formula, named with its sheet and row', () => {
    const p = refusal(withFormula());
    expect([p.sheet, p.row]).toEqual([MAIN_SHEET, 4]);
    expect(p.message).toContain('công thức');
  });

  it('an external link', () => {
    expect(refusal(withExternalLink()).message).toContain('liên kết tới tệp bên ngoài');
  });

  it('XML entities (a DOCTYPE, as in "billion laughs")', () => {
    const p = refusal(withDoctype());
    expect(p.sheet).toBe(MAIN_SHEET);
    expect(p.message).toContain('thực thể XML');
    const parts = unzip(exported());
    parts.set('xl/sharedStrings.xml', Buffer.from(`<?xml version="1.0"?>${LAUGHS}<sst><si><t>&b;</t></si></sst>`));
    expect(refusal(rezip(parts)).message).toContain('thực thể XML');
  });

  it('a file above 4 MB', () => {
    expect(refusal(Buffer.concat([exported(), Buffer.alloc(4 * 1024 * 1024)])).message).toContain('lớn hơn 4 MB');
  });
});
