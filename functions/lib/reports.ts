/**
 * The decision's tables as spreadsheets (exceljs), in Vietnamese, laid out to print on A4:
 * Appendix II (the district's ranking report to the province), Appendix I (one commune's full sheet),
 * and the province workbook (a summary sheet and one Appendix II sheet per district).
 * Numbers are written as numbers (exact to the hundredth) with a two-decimal format, so Excel shows
 * them in the reader's locale (0,25 in Vietnamese Excel) and they can still be summed.
 */
import ExcelJS from 'exceljs';
import type { RankingRow } from '../../shared/analysis.js';
import type { Assessment } from '../../shared/assessment.js';
import { titleFor, toPoints, type Framework, type FrameworkNode } from '../../shared/framework.js';
import { classLabel, scoreSheet } from '../../shared/scoring.js';
import { averageIndex, policyNote } from '../../shared/analysis.js';
import { appraisedRowOf, selfRowOf } from '../../shared/assessment.js';
import { statusLabel } from '../../shared/lifecycle.js';
import { hasReached, isAppraised } from '../../shared/status-order.js';

const FONT = 'Times New Roman';
/** What an official table says of a commune the council has not finished: no points, rank or class of its own. */
export const NOT_APPRAISED = 'Chưa thẩm định';
const NUM = '0.00';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function a4(ws: ExcelJS.Worksheet, landscape = false) {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    horizontalCentered: true,
  };
  ws.headerFooter.oddFooter = '&CTrang &P/&N';
}

function line(
  ws: ExcelJS.Worksheet,
  row: number,
  cols: number,
  text: string,
  opts: { bold?: boolean; italic?: boolean; size?: number } = {},
) {
  ws.mergeCells(row, 1, row, cols);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { name: FONT, size: opts.size ?? 12, bold: opts.bold ?? false, italic: opts.italic ?? false };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

function styleTable(ws: ExcelJS.Worksheet, from: number, to: number, cols: number, headerRows: number) {
  for (let r = from; r <= to; r++)
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.font = { name: FONT, size: 12, bold: r < from + headerRows };
      if (r < from + headerRows) cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      else
        cell.alignment = {
          vertical: 'middle',
          wrapText: true,
          horizontal: typeof cell.value === 'number' ? 'right' : c === 1 ? 'center' : 'left',
        };
    }
  ws.views = [{ state: 'frozen', ySplit: from + headerRows - 1 }];
}

/** "Xã Phúc Xuân" → "UBND xã Phúc Xuân", as the template writes the unit. */
const ubnd = (name: string) => `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`;

export interface Appendix2Input {
  provinceName: string;
  districtName: string;
  year: number;
  rows: RankingRow[];
  rankingStatus: string;
  /** Province level: the province's People's Committee heads the table and its chairman decides. */
  appraisingLevel?: 'district' | 'province';
  /** With more than one block, each block's rows under its own heading (ranks are within the block). */
  blocks?: readonly { id: string; label: string }[];
}

function appendix2Sheet(wb: ExcelJS.Workbook, fw: Framework, input: Appendix2Input, sheetName: string) {
  const ws = wb.addWorksheet(sheetName);
  a4(ws);
  const COLS = 7;
  ws.columns = [{ width: 7 }, { width: 34 }, { width: 13 }, { width: 13 }, { width: 10 }, { width: 13 }, { width: 18 }];
  const province = input.appraisingLevel === 'province';
  line(
    ws,
    1,
    COLS,
    province ? `ỦY BAN NHÂN DÂN ${input.provinceName.toUpperCase()}` : `UBND ${input.districtName.toUpperCase()}`,
    {
      bold: true,
    },
  );
  line(ws, 2, COLS, 'PHỤ LỤC II', { bold: true });
  line(ws, 3, COLS, 'THỐNG KÊ KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC ĐỐI VỚI UBND CẤP XÃ', { bold: true });
  line(
    ws,
    4,
    COLS,
    province ? `Năm ${input.year} — ${input.provinceName}` : `Năm ${input.year} — ${input.districtName}, ${input.provinceName}`,
    {
      italic: true,
    },
  );
  const decider = province ? ubnd(input.provinceName) : ubnd(input.districtName);
  line(ws, 5, COLS, `(Kèm theo Quyết định số ……/QĐ-UBND ngày …/…/${input.year + 1} của Chủ tịch ${decider})`, {
    italic: true,
    size: 11,
  });
  const top = 7;
  ws.getRow(top).values = ['Số TT', 'Đơn vị cấp xã', 'Tổng điểm đạt được', '', 'Xếp hạng', 'Xếp loại', 'Ghi chú'];
  ws.getRow(top + 1).values = ['', '', 'Điểm tự chấm', 'Điểm thẩm định', '', '', ''];
  ws.mergeCells(top, 1, top + 1, 1);
  ws.mergeCells(top, 2, top + 1, 2);
  ws.mergeCells(top, 3, top, 4);
  ws.mergeCells(top, 5, top + 1, 5);
  ws.mergeCells(top, 6, top + 1, 6);
  ws.mergeCells(top, 7, top + 1, 7);
  const blocks = input.blocks && input.blocks.length > 1 ? input.blocks : undefined;
  let at = top + 2;
  let inBlock = 0;
  let block: string | undefined;
  input.rows.forEach((r) => {
    if (blocks && r.block !== block) {
      block = r.block;
      inBlock = 0;
      ws.getRow(at).values = [blocks.find((b) => b.id === r.block)?.label ?? r.block];
      ws.mergeCells(at, 1, at, COLS);
      ws.getCell(at, 1).font = { bold: true };
      at++;
    }
    inBlock++;
    const i = at - top - 2;
    at++;
    // Until the council completes, the row is blank where a result would be (null: an empty cell) and
    // says why; the self total only once it was submitted.
    const appraised = r.rank !== null && r.class !== null && isAppraised(r.status);
    const notes = [
      appraised ? '' : `Trạng thái: ${statusLabel[r.status]}`,
      r.late ? 'Nộp quá hạn' : '',
      appraised && (r.self.index !== r.self.points || r.appraised.index !== r.appraised.points)
        ? `Chỉ số: ${toPoints(r.appraised.index).toFixed(2).replace('.', ',')}`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    ws.getRow(top + 2 + i).values = [
      inBlock,
      ubnd(r.unitName),
      hasReached(r.status, 'SUBMITTED') ? toPoints(r.self.points) : null,
      appraised ? toPoints(r.appraised.points) : null,
      appraised ? r.rank : null,
      appraised ? classLabel(fw, r.class!) : NOT_APPRAISED,
      notes,
    ];
    ws.getCell(top + 2 + i, 3).numFmt = NUM;
    ws.getCell(top + 2 + i, 4).numFmt = NUM;
  });
  const last = at - 1;
  styleTable(ws, top, last, COLS, 2);
  line(ws, last + 2, COLS, policyNote(fw), { italic: true, size: 10 });
  ws.getCell(last + 2, 1).alignment = { horizontal: 'left', wrapText: true };
  line(
    ws,
    last + 3,
    COLS,
    `Trạng thái bảng xếp hạng: ${input.rankingStatus}. Xếp hạng theo điểm thẩm định (Điều 8, Quyết định 4203/QĐ-UBND).`,
    { italic: true, size: 10 },
  );
  ws.getCell(last + 3, 1).alignment = { horizontal: 'left', wrapText: true };
  return ws;
}

export async function appendix2(fw: Framework, input: Appendix2Input): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC Index';
  appendix2Sheet(wb, fw, input, 'Phụ lục II');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ProvinceWorkbookInput {
  provinceName: string;
  year: number;
  districts: { id: string; name: string; rankingStatus: string; rows: RankingRow[] }[];
  appraisingLevel?: 'district' | 'province';
  blocks?: readonly { id: string; label: string }[];
  /** Year over year: each commune beside the units it was formed from in an earlier cycle. */
  history?: {
    year: number;
    rows: {
      unitName: string;
      index: number | null;
      earlier: { unitName: string; index: number | null }[];
      mean: number | null;
    }[];
  }[];
}

export async function provinceWorkbook(fw: Framework, input: ProvinceWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC Index';
  const ws = wb.addWorksheet('Tổng hợp');
  a4(ws, true);
  const classes = fw.classBands.map((b) => b.label);
  const COLS = 6 + classes.length;
  ws.columns = [
    { width: 7 },
    { width: 30 },
    { width: 10 },
    { width: 12 },
    { width: 14 },
    { width: 18 },
    ...classes.map(() => ({ width: 12 })),
  ];
  line(ws, 1, COLS, input.provinceName.toUpperCase(), { bold: true });
  line(ws, 2, COLS, `TỔNG HỢP KẾT QUẢ CHỈ SỐ CCHC CẤP XÃ NĂM ${input.year}`, { bold: true });
  ws.getRow(4).values = [
    'Số TT',
    input.appraisingLevel === 'province' ? 'Đơn vị thẩm định' : 'Đơn vị cấp huyện',
    'Số xã',
    'Đã thẩm định',
    'Chỉ số bình quân',
    'Trạng thái',
    ...classes,
  ];
  input.districts.forEach((d, i) => {
    // Averages and classes cover the appraised communes only (as the API's): the others have no result yet.
    const done = d.rows.filter((r) => isAppraised(r.status));
    const avg = averageIndex(done.map((r) => r.appraised.index));
    ws.getRow(5 + i).values = [
      i + 1,
      d.name,
      d.rows.length,
      done.length,
      avg === null ? null : toPoints(avg),
      d.rankingStatus,
      ...fw.classBands.map((b) => done.filter((r) => r.class === b.class).length),
    ];
    ws.getCell(5 + i, 5).numFmt = NUM;
  });
  styleTable(ws, 4, 4 + input.districts.length, COLS, 1);
  line(ws, 6 + input.districts.length, COLS, policyNote(fw), { italic: true, size: 10 });
  for (const d of input.districts)
    appendix2Sheet(
      wb,
      fw,
      {
        provinceName: input.provinceName,
        districtName: d.name,
        year: input.year,
        rows: d.rows,
        rankingStatus: d.rankingStatus,
        ...(input.appraisingLevel ? { appraisingLevel: input.appraisingLevel } : {}),
        ...(input.blocks ? { blocks: input.blocks } : {}),
      },
      d.name.slice(0, 31),
    );
  for (const h of input.history ?? []) historySheet(wb, input.year, h);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A commune of this year beside the units it was formed from in an earlier year: each one's index, and their mean. */
function historySheet(wb: ExcelJS.Workbook, year: number, h: NonNullable<ProvinceWorkbookInput['history']>[number]) {
  const ws = wb.addWorksheet(`So sánh ${h.year}`.slice(0, 31));
  a4(ws, true);
  const COLS = 6;
  ws.columns = [{ width: 7 }, { width: 30 }, { width: 14 }, { width: 44 }, { width: 14 }, { width: 14 }];
  line(ws, 1, COLS, `SO SÁNH CHỈ SỐ CCHC NĂM ${year} VỚI NĂM ${h.year}`, { bold: true });
  line(ws, 2, COLS, 'Đơn vị hình thành do sắp xếp: so với từng đơn vị cũ và bình quân của các đơn vị đó.', {
    italic: true,
    size: 10,
  });
  ws.getRow(4).values = ['Số TT', 'Đơn vị cấp xã', `Chỉ số ${year}`, `Đơn vị năm ${h.year}`, `Chỉ số ${h.year}`, 'Bình quân'];
  let at = 5;
  h.rows.forEach((r, i) => {
    const first = at;
    const earlier = r.earlier.length ? r.earlier : [{ unitName: '—', index: null }];
    for (const e of earlier) {
      ws.getRow(at).values = [
        at === first ? i + 1 : '',
        at === first ? r.unitName : '',
        at === first ? (r.index ?? '') : '',
        e.unitName,
        e.index ?? '',
        at === first ? (r.mean ?? '') : '',
      ];
      ws.getCell(at, 3).numFmt = NUM;
      ws.getCell(at, 5).numFmt = NUM;
      ws.getCell(at, 6).numFmt = NUM;
      at++;
    }
  });
  styleTable(ws, 4, at - 1, COLS, 1);
}

export async function appendix1(
  fw: Framework,
  a: Assessment,
  meta: { provinceName: string; districtName: string; year: number },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC Index';
  const ws = wb.addWorksheet('Phụ lục I');
  a4(ws, true);
  const COLS = 7;
  ws.columns = [{ width: 8 }, { width: 60 }, { width: 10 }, { width: 11 }, { width: 11 }, { width: 11 }, { width: 40 }];
  const self = scoreSheet(fw, selfRowOf(a));
  const appraised = scoreSheet(fw, appraisedRowOf(a));
  const useAppraised = hasReached(a.status, 'IN_APPRAISAL');
  line(ws, 1, COLS, 'PHỤ LỤC I', { bold: true });
  line(ws, 2, COLS, `CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA ${ubnd(a.unitName).toUpperCase()}`, { bold: true });
  line(ws, 3, COLS, `Năm ${meta.year} — ${meta.districtName}, ${meta.provinceName} — Trạng thái: ${statusLabel[a.status]}`, {
    italic: true,
  });
  ws.getRow(5).values = ['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm số', '', '', '', 'Tài liệu kiểm chứng'];
  ws.getRow(6).values = ['', '', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Kết quả đạt được (%)', ''];
  ws.mergeCells(5, 1, 6, 1);
  ws.mergeCells(5, 2, 6, 2);
  ws.mergeCells(5, 3, 5, 6);
  ws.mergeCells(5, 7, 6, 7);
  // A row is left out when every scored row under it is (1.8 when both 1.8.1 and 1.8.2 are): marked
  // as not applicable like its parts, not shown as 0 points and 0 %.
  const leftOut = (n: FrameworkNode): boolean =>
    n.children.length === 0 ? a.rows[n.code]?.notApplicable === true && n.notApplicableAllowed : n.children.every(leftOut);
  let r = 7;
  for (const node of fw.rows) {
    const leaf = node.children.length === 0;
    const row = a.rows[node.code];
    const na = leftOut(node);
    const s = self.nodes[node.code]!;
    const ap = appraised.nodes[node.code]!;
    const base = useAppraised ? ap : s;
    const unscoredSelf = leaf && !na && (row?.self ?? null) === null;
    const unscoredAp = leaf && !na && (row?.appraised ?? null) === null;
    ws.getRow(r).values = [
      node.code,
      titleFor(node, a.unitKind),
      toPoints(node.max),
      na ? 'Không áp dụng' : unscoredSelf ? '' : toPoints(s.points),
      na ? 'Không áp dụng' : unscoredAp ? '' : toPoints(ap.points),
      na ? '' : toPoints(base.achievementPct),
      leaf ? (row?.evidence ?? []).map((e) => e.fileName).join('\n') : '',
    ];
    for (const c of [3, 4, 5, 6]) ws.getCell(r, c).numFmt = NUM;
    if (!node.parent) ws.getRow(r).font = { name: FONT, bold: true };
    r++;
  }
  ws.getRow(r).values = [
    '',
    'TỔNG ĐIỂM',
    toPoints(fw.total),
    toPoints(self.points),
    toPoints(appraised.points),
    toPoints((useAppraised ? appraised : self).index),
    '',
  ];
  for (const c of [3, 4, 5, 6]) ws.getCell(r, c).numFmt = NUM;
  r++;
  ws.getRow(r).values = [
    '',
    'CHỈ SỐ CCHC (điểm / tổng điểm tối đa áp dụng × 100)',
    toPoints(self.applicableMax),
    toPoints(self.index),
    toPoints(appraised.index),
    '',
    '',
  ];
  for (const c of [3, 4, 5]) ws.getCell(r, c).numFmt = NUM;
  r++;
  // The class has a row of its own, under the self and appraised columns it belongs to; the council's
  // only once it has completed the appraisal.
  ws.getRow(r).values = [
    '',
    'XẾP LOẠI',
    '',
    classLabel(fw, self.class),
    isAppraised(a.status) ? classLabel(fw, appraised.class) : NOT_APPRAISED,
    '',
    '',
  ];
  styleTable(ws, 5, r, COLS, 2);
  for (let i = 7; i <= r; i++)
    if (!fw.byCode.get(String(ws.getCell(i, 1).value))?.parent) ws.getRow(i).font = { name: FONT, size: 12, bold: true };
  line(ws, r + 2, COLS, policyNote(fw), { italic: true, size: 10 });
  ws.getCell(r + 2, 1).alignment = { horizontal: 'left', wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
