/**
 * The decision's tables as spreadsheets (our own streaming writer, ./xlsx), in Vietnamese, laid out to print on A4:
 * Appendix II (the district's ranking report to the province), Appendix I (one commune's full sheet),
 * and the province workbook (a summary sheet and one Appendix II sheet per district).
 * Numbers are written as numbers (exact to the hundredth) with a two-decimal format, so Excel shows
 * them in the reader's locale (0,25 in Vietnamese Excel) and they can still be summed.
 */
import type { RankingRow } from '../../shared/analysis.js';
import type { Assessment } from '../../shared/assessment.js';
import { componentOf, kindOf, titleFor, toPoints, type Framework, type FrameworkNode } from '../../shared/framework.js';
import { classLabel, scoreSheet } from '../../shared/scoring.js';
import { averageIndex, policyNote } from '../../shared/analysis.js';
import { appraisedRowOf, selfRowOf } from '../../shared/assessment.js';
import { statusLabel } from '../../shared/lifecycle.js';
import { decisionText, rankRule, type RankingDecision } from '../../shared/ranking.js';
import { formatFixed2, formatPoints } from '../../shared/format.js';
import { hasReached, isAppraised } from '../../shared/status-order.js';
import { Workbook, type CellInput, type Sheet, type SheetOptions, type Style, type StyleId, type Value } from './xlsx/index.js';

const FONT = 'Times New Roman';
/** What an official table says of a commune the council has not finished: no points, rank or class of its own. */
export const NOT_APPRAISED = 'Chưa thẩm định';
const NUM = '0.00';
const CREATOR = 'CCHC Index';

/** A4, fitted to one page wide, centred, "Trang n/N" in the footer. */
function a4(landscape = false): Pick<SheetOptions, 'page' | 'footer'> {
  return {
    page: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
    footer: '&CTrang &P/&N',
  };
}

interface LineOptions {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** Left-aligned (the notes under a table) instead of centred. */
  left?: boolean;
}

/** The reports' cell formats, each registered in the workbook once. */
class Look {
  private readonly ids = new Map<string, StyleId>();
  constructor(private readonly wb: Workbook) {}

  private id(key: string, style: () => Style): StyleId {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.wb.style(style())));
    return id;
  }

  /** A line of a heading or a note: across the table, wrapped; centred unless `left`. */
  line(o: LineOptions): StyleId {
    return this.id(`line ${o.bold} ${o.italic} ${o.size} ${o.left}`, () => ({
      font: { name: FONT, size: o.size ?? 12, bold: o.bold ?? false, italic: o.italic ?? false },
      alignment: o.left ? { horizontal: 'left', wrapText: true } : { horizontal: 'center', vertical: 'middle', wrapText: true },
    }));
  }

  /** A table's header cell: bordered, bold, centred. */
  head(): StyleId {
    return this.id('head', () => ({
      border: 'thin',
      font: { name: FONT, size: 12, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    }));
  }

  /** A table's body cell: bordered; a number right-aligned, other text centred in column 1 and left elsewhere. */
  body(value: Value, col: number, num = false, bold = false): StyleId {
    const horizontal = typeof value === 'number' ? 'right' : col === 1 ? 'center' : 'left';
    return this.id(`body ${horizontal} ${num} ${bold}`, () => ({
      border: 'thin',
      font: { name: FONT, size: 12, bold },
      alignment: { vertical: 'middle', wrapText: true, horizontal },
      ...(num ? { numFmt: NUM } : {}),
    }));
  }

  /** The font alone, as a whole row's format (Appendix I's areas and totals). */
  boldRow(): StyleId {
    return this.id('bold row', () => ({ font: { name: FONT, size: 12, bold: true } }));
  }
}

/** One line of text merged across the table's columns. */
function line(ws: Sheet, look: Look, row: number, cols: number, text: string, opts: LineOptions = {}) {
  ws.merge(row, 1, row, cols);
  ws.row(row, [text, ...Array<null>(cols - 1).fill(null)], { s: look.line(opts) });
}

/** A header row: null where a merged cell continues (it keeps the header's border). */
function headRow(ws: Sheet, look: Look, row: number, values: readonly (string | null)[]) {
  ws.row(row, values, { s: look.head() });
}

/** A body row; `num` lists the columns shown with two decimals. */
function bodyRow(
  ws: Sheet,
  look: Look,
  row: number,
  values: readonly Value[],
  num: readonly number[] = [],
  opts: { bold?: boolean } = {},
) {
  const cells: CellInput[] = values.map((v, i) => ({ v, s: look.body(v, i + 1, num.includes(i + 1), opts.bold) }));
  ws.row(row, cells, opts.bold ? { rowStyle: look.boldRow() } : {});
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
  /** The approving decision as recorded at approval; blanks to fill in by hand where absent. */
  decision?: RankingDecision;
}

/** Whether the ranking's tables carry the parts (main, bonus, penalty) and the figure in percent: not for 4203. */
function partsOf(fw: Framework) {
  const bonus = fw.bonusCap !== undefined;
  const penalty = fw.penaltyCap !== undefined;
  const percent = fw.display === 'percent';
  return { bonus, penalty, percent, extended: bonus || penalty || percent };
}

/** "Điểm thưởng (tính tối đa 3 điểm)". */
const capText = (label: string, cap: number | undefined) =>
  cap === undefined ? label : `${label} (tính tối đa ${formatPoints(cap)} điểm)`;

function appendix2Sheet(wb: Workbook, look: Look, fw: Framework, input: Appendix2Input, sheetName: string) {
  const parts = partsOf(fw);
  // The appraised side's columns: the final points alone (4203), or the main criteria, the bonus, the
  // penalty and the final points (a framework with those groups).
  const apCols: { head: string; value: (r: RankingRow) => number }[] = parts.extended
    ? [
        { head: 'Điểm các tiêu chí', value: (r) => toPoints(r.appraised.main) },
        ...(parts.bonus ? [{ head: 'Điểm thưởng', value: (r: RankingRow) => toPoints(r.appraised.bonus) }] : []),
        ...(parts.penalty ? [{ head: 'Điểm trừ', value: (r: RankingRow) => toPoints(r.appraised.penalty) }] : []),
        { head: 'Điểm thẩm định (cuối cùng)', value: (r) => toPoints(r.appraised.points) },
      ]
    : [{ head: 'Điểm thẩm định', value: (r) => toPoints(r.appraised.points) }];
  const nAp = apCols.length;
  const COLS = 7 + nAp;
  const top = 7;
  const ws = wb.addSheet(sheetName, {
    ...a4(parts.extended),
    columns: [7, 32, 12, ...apCols.map(() => 12), 11, 9, 12, 16],
    freeze: { rows: top + 1 },
  });
  const province = input.appraisingLevel === 'province';
  line(
    ws,
    look,
    1,
    COLS,
    province ? `ỦY BAN NHÂN DÂN ${input.provinceName.toUpperCase()}` : `UBND ${input.districtName.toUpperCase()}`,
    { bold: true },
  );
  line(ws, look, 2, COLS, 'PHỤ LỤC II', { bold: true });
  line(ws, look, 3, COLS, 'THỐNG KÊ KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC ĐỐI VỚI UBND CẤP XÃ', { bold: true });
  line(
    ws,
    look,
    4,
    COLS,
    province ? `Năm ${input.year} — ${input.provinceName}` : `Năm ${input.year} — ${input.districtName}, ${input.provinceName}`,
    { italic: true },
  );
  const decider = province ? ubnd(input.provinceName) : ubnd(input.districtName);
  line(ws, look, 5, COLS, `(Kèm theo ${decisionText(input.decision, input.year)} của Chủ tịch ${decider})`, {
    italic: true,
    size: 11,
  });
  // "Chỉ số" (the appraised index) is what the rank follows; it differs from the points where a row is
  // not applicable. A framework published in percent ranks by "Tỷ lệ (%)" instead.
  const figureHead = parts.percent ? 'Tỷ lệ (%)' : 'Chỉ số';
  const blanks = (n: number) => Array<null>(n).fill(null);
  headRow(ws, look, top, [
    'Số TT',
    'Đơn vị cấp xã',
    'Tổng điểm đạt được',
    ...blanks(nAp),
    figureHead,
    'Xếp hạng',
    'Xếp loại',
    'Ghi chú',
  ]);
  headRow(ws, look, top + 1, [null, null, 'Điểm tự chấm', ...apCols.map((c) => c.head), ...blanks(4)]);
  ws.merge(top, 1, top + 1, 1);
  ws.merge(top, 2, top + 1, 2);
  ws.merge(top, 3, top, 3 + nAp);
  for (let c = 4 + nAp; c <= COLS; c++) ws.merge(top, c, top + 1, c);
  const numCols = Array.from({ length: nAp + 2 }, (_, i) => 3 + i);
  const blocks = input.blocks && input.blocks.length > 1 ? input.blocks : undefined;
  let at = top + 2;
  let inBlock = 0;
  let block: string | undefined;
  for (const r of input.rows) {
    if (blocks && r.block !== block) {
      block = r.block;
      inBlock = 0;
      // The block's heading: one bordered cell across the table, in the body's font, left-aligned.
      const label = blocks.find((b) => b.id === r.block)?.label ?? r.block;
      ws.merge(at, 1, at, COLS);
      ws.row(at, [label, ...Array<null>(COLS - 1).fill(null)], { s: look.body(label, COLS) });
      at++;
    }
    inBlock++;
    // Until the council completes, the row is blank where a result would be (null: an empty cell) and
    // says why; the self total only once it was submitted.
    const appraised = r.rank !== null && r.class !== null && isAppraised(r.status);
    const notes = [appraised ? '' : `Trạng thái: ${statusLabel[r.status]}`, r.late ? 'Nộp quá hạn' : '']
      .filter(Boolean)
      .join('; ');
    bodyRow(
      ws,
      look,
      at++,
      [
        inBlock,
        ubnd(r.unitName),
        hasReached(r.status, 'SUBMITTED') ? toPoints(r.self.points) : null,
        ...apCols.map((c) => (appraised ? c.value(r) : null)),
        appraised ? toPoints(parts.percent ? r.appraised.percent : r.appraised.index) : null,
        appraised ? r.rank : null,
        appraised ? classLabel(fw, r.class!) : NOT_APPRAISED,
        notes,
      ],
      numCols,
    );
  }
  const last = at - 1;
  line(ws, look, last + 2, COLS, policyNote(fw), { italic: true, size: 10, left: true });
  line(ws, look, last + 3, COLS, `Trạng thái bảng xếp hạng: ${input.rankingStatus}. ${rankRule(fw, { blocks: !!blocks })}`, {
    italic: true,
    size: 10,
    left: true,
  });
  if (parts.bonus || parts.penalty)
    line(
      ws,
      look,
      last + 4,
      COLS,
      `Điểm thẩm định cuối cùng = điểm các tiêu chí${parts.bonus ? ` + ${capText('điểm thưởng', fw.bonusCap)}` : ''}${
        parts.penalty ? ` − ${capText('điểm trừ', fw.penaltyCap)}` : ''
      }.`,
      { italic: true, size: 10, left: true },
    );
  return ws;
}

export async function appendix2(fw: Framework, input: Appendix2Input): Promise<Buffer> {
  const wb = new Workbook({ creator: CREATOR });
  appendix2Sheet(wb, new Look(wb), fw, input, 'Phụ lục II');
  return wb.toBuffer();
}

export interface ProvinceWorkbookInput {
  provinceName: string;
  year: number;
  districts: { id: string; name: string; rankingStatus: string; rows: RankingRow[]; decision?: RankingDecision }[];
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
      /** Why there is no earlier unit to compare with (none in that year's cycle). */
      missing?: string;
    }[];
  }[];
}

export async function provinceWorkbook(fw: Framework, input: ProvinceWorkbookInput): Promise<Buffer> {
  const wb = new Workbook({ creator: CREATOR });
  const look = new Look(wb);
  const classes = fw.classBands.map((b) => b.label);
  const COLS = 6 + classes.length;
  const ws = wb.addSheet('Tổng hợp', {
    ...a4(true),
    columns: [7, 30, 10, 12, 14, 18, ...classes.map(() => 12)],
    freeze: { rows: 4 },
  });
  line(ws, look, 1, COLS, input.provinceName.toUpperCase(), { bold: true });
  line(ws, look, 2, COLS, `TỔNG HỢP KẾT QUẢ CHỈ SỐ CCHC CẤP XÃ NĂM ${input.year}`, { bold: true });
  headRow(ws, look, 4, [
    'Số TT',
    input.appraisingLevel === 'province' ? 'Đơn vị thẩm định' : 'Đơn vị cấp huyện',
    'Số xã',
    'Đã thẩm định',
    fw.display === 'percent' ? 'Tỷ lệ bình quân (%)' : 'Chỉ số bình quân',
    'Trạng thái',
    ...classes,
  ]);
  input.districts.forEach((d, i) => {
    // Averages and classes cover the appraised communes only (as the API's): the others have no result yet.
    const done = d.rows.filter((r) => isAppraised(r.status));
    const avg = averageIndex(done.map((r) => (fw.display === 'percent' ? r.appraised.percent : r.appraised.index)));
    bodyRow(
      ws,
      look,
      5 + i,
      [
        i + 1,
        d.name,
        d.rows.length,
        done.length,
        avg === null ? null : toPoints(avg),
        d.rankingStatus,
        ...fw.classBands.map((b) => done.filter((r) => r.class === b.class).length),
      ],
      [5],
    );
  });
  line(ws, look, 6 + input.districts.length, COLS, policyNote(fw), { italic: true, size: 10 });
  for (const d of input.districts)
    appendix2Sheet(
      wb,
      look,
      fw,
      {
        provinceName: input.provinceName,
        districtName: d.name,
        year: input.year,
        rows: d.rows,
        rankingStatus: d.rankingStatus,
        ...(d.decision ? { decision: d.decision } : {}),
        ...(input.appraisingLevel ? { appraisingLevel: input.appraisingLevel } : {}),
        ...(input.blocks ? { blocks: input.blocks } : {}),
      },
      d.name.slice(0, 31),
    );
  for (const h of input.history ?? []) historySheet(wb, look, input.year, h);
  return wb.toBuffer();
}

/**
 * A commune of this year beside the units it was formed from in an earlier year: each one's index,
 * their mean, and the change since (this year's index less that mean).
 */
function historySheet(wb: Workbook, look: Look, year: number, h: NonNullable<ProvinceWorkbookInput['history']>[number]) {
  const COLS = 7;
  const ws = wb.addSheet(`So sánh ${h.year}`.slice(0, 31), {
    ...a4(true),
    columns: [7, 30, 14, 44, 14, 14, 14],
    freeze: { rows: 4 },
  });
  line(ws, look, 1, COLS, `SO SÁNH CHỈ SỐ CCHC NĂM ${year} VỚI NĂM ${h.year}`, { bold: true });
  line(
    ws,
    look,
    2,
    COLS,
    'Đơn vị hình thành do sắp xếp: so với từng đơn vị cũ và bình quân của các đơn vị đó; thay đổi = chỉ số năm nay trừ bình quân.',
    { italic: true, size: 10 },
  );
  headRow(ws, look, 4, [
    'Số TT',
    'Đơn vị cấp xã',
    `Chỉ số ${year}`,
    `Đơn vị năm ${h.year}`,
    `Chỉ số ${h.year}`,
    'Bình quân',
    'Thay đổi',
  ]);
  let at = 5;
  h.rows.forEach((r, i) => {
    const first = at;
    const earlier = r.earlier.length ? r.earlier : [{ unitName: r.missing ?? '—', index: null }];
    // In hundredths, so that 92 − 77,67 is 14,33 and not 14,329999….
    const change = r.index !== null && r.mean !== null ? (Math.round(r.index * 100) - Math.round(r.mean * 100)) / 100 : '';
    for (const e of earlier) {
      bodyRow(
        ws,
        look,
        at,
        [
          at === first ? i + 1 : '',
          at === first ? r.unitName : '',
          at === first ? (r.index ?? '') : '',
          e.unitName,
          e.index ?? '',
          at === first ? (r.mean ?? '') : '',
          at === first ? change : '',
        ],
        [3, 5, 6, 7],
      );
      at++;
    }
  });
}

/** The option of a choice or yes-no row a score stands for. */
function optionLabel(node: FrameworkNode, score: number | null | undefined): string | undefined {
  if (score === null || score === undefined) return undefined;
  if (kindOf(node) === 'yes-no') return score === node.max ? 'Đạt' : score === 0 ? 'Không đạt' : undefined;
  return node.options?.find((o) => o.points === score)?.label;
}

/**
 * A row's title in Appendix I: the bonus and penalty groups with their caps; a choice or yes-no row with
 * the option each side chose; a survey row marked; (*) where the maximum is the applicable one.
 */
function rowTitle(fw: Framework, node: FrameworkNode, a: Assessment, reduced: boolean): string {
  const title = titleFor(node, a.unitKind) + (reduced ? ' (*)' : '');
  const component = componentOf(node);
  if (!node.parent && component === 'bonus') return capText('Điểm thưởng', fw.bonusCap);
  if (!node.parent && component === 'penalty') return capText('Điểm trừ', fw.penaltyCap);
  const kind = kindOf(node);
  if (kind === 'survey') return `${title}\n(Điểm lấy từ điều tra xã hội học)`;
  if (kind === 'choice' || kind === 'yes-no') {
    const row = a.rows[node.code];
    const chosen = [
      ['tự đánh giá', optionLabel(node, row?.self)],
      ['thẩm định', optionLabel(node, row?.appraised)],
    ]
      .filter((c): c is [string, string] => c[1] !== undefined)
      .map(([side, label]) => `${side}: ${label}`);
    return chosen.length > 0 ? `${title}\n(Kết quả ${chosen.join('; ')})` : title;
  }
  return title;
}

export async function appendix1(
  fw: Framework,
  a: Assessment,
  meta: { provinceName: string; districtName: string; year: number; appraisingLevel?: 'district' | 'province' },
): Promise<Buffer> {
  const wb = new Workbook({ creator: CREATOR });
  const look = new Look(wb);
  const COLS = 7;
  const ws = wb.addSheet('Phụ lục I', { ...a4(true), columns: [8, 60, 10, 11, 11, 11, 40], freeze: { rows: 6 } });
  const self = scoreSheet(fw, selfRowOf(a));
  const appraised = scoreSheet(fw, appraisedRowOf(a));
  const useAppraised = hasReached(a.status, 'IN_APPRAISAL');
  line(ws, look, 1, COLS, 'PHỤ LỤC I', { bold: true });
  line(ws, look, 2, COLS, `CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA ${ubnd(a.unitName).toUpperCase()}`, { bold: true });
  line(
    ws,
    look,
    3,
    COLS,
    // A province-level cycle's appraising unit is the province itself: named once.
    `Năm ${meta.year} — ${meta.appraisingLevel === 'province' ? meta.provinceName : `${meta.districtName}, ${meta.provinceName}`} — Trạng thái: ${statusLabel[a.status]}`,
    {
      italic: true,
    },
  );
  headRow(ws, look, 5, ['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm số', null, null, null, 'Tài liệu kiểm chứng']);
  headRow(ws, look, 6, [null, null, 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Kết quả đạt được (%)', null]);
  ws.merge(5, 1, 6, 1);
  ws.merge(5, 2, 6, 2);
  ws.merge(5, 3, 5, 6);
  ws.merge(5, 7, 6, 7);
  // A row is left out when every scored row under it is (1.8 when both 1.8.1 and 1.8.2 are): marked
  // as not applicable like its parts, not shown as 0 points and 0 %.
  const leftOut = (n: FrameworkNode): boolean =>
    n.children.length === 0 ? a.rows[n.code]?.notApplicable === true && n.notApplicableAllowed : n.children.every(leftOut);
  // Rows with some (not all) parts not applicable: their maximum is the applicable one, the one their % divides by.
  const reduced: string[] = [];
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
    const max = na ? node.max : base.applicableMax;
    if (max !== node.max) reduced.push(`${node.code}: ${formatFixed2(node.max)}`);
    const main = componentOf(node) === 'main';
    // An area (a row without a parent) is bold, as are the totals below.
    bodyRow(
      ws,
      look,
      r++,
      [
        node.code,
        rowTitle(fw, node, a, max !== node.max),
        toPoints(max),
        na ? 'Không áp dụng' : unscoredSelf ? '' : toPoints(s.points),
        na ? 'Không áp dụng' : unscoredAp ? '' : toPoints(ap.points),
        // A bonus or penalty row has no achievement: its points are added or taken away.
        na || !main ? '' : toPoints(base.achievementPct),
        leaf ? (row?.evidence ?? []).map((e) => e.fileName).join('\n') : '',
      ],
      [3, 4, 5, 6],
      { bold: !node.parent },
    );
  }
  const parts = partsOf(fw);
  if (parts.bonus || parts.penalty) {
    // The final points are the main criteria's, plus the bonus and less the penalty, each within its cap.
    const totalRow = (label: string, max: number, side: (t: typeof self) => number) =>
      bodyRow(ws, look, r++, ['', label, toPoints(max), toPoints(side(self)), toPoints(side(appraised)), '', ''], [3, 4, 5], {
        bold: true,
      });
    totalRow('ĐIỂM CÁC TIÊU CHÍ', fw.total, (t) => t.main);
    if (fw.bonusCap !== undefined) totalRow(capText('ĐIỂM THƯỞNG', fw.bonusCap), fw.bonusCap, (t) => t.bonus);
    if (fw.penaltyCap !== undefined) totalRow(capText('ĐIỂM TRỪ', fw.penaltyCap), fw.penaltyCap, (t) => t.penalty);
  }
  bodyRow(
    ws,
    look,
    r++,
    [
      '',
      parts.bonus || parts.penalty ? 'TỔNG ĐIỂM (CUỐI CÙNG)' : 'TỔNG ĐIỂM',
      toPoints(fw.total),
      toPoints(self.points),
      toPoints(appraised.points),
      toPoints((useAppraised ? appraised : self).index),
      '',
    ],
    [3, 4, 5, 6],
    { bold: true },
  );
  bodyRow(
    ws,
    look,
    r++,
    [
      '',
      parts.percent ? 'TỶ LỆ ĐẠT ĐƯỢC (%)' : 'CHỈ SỐ CCHC (điểm / tổng điểm tối đa áp dụng × 100)',
      toPoints(self.applicableMax),
      toPoints(parts.percent ? self.percent : self.index),
      toPoints(parts.percent ? appraised.percent : appraised.index),
      '',
      '',
    ],
    [3, 4, 5],
    { bold: true },
  );
  // The class has a row of its own, under the self and appraised columns it belongs to; the council's
  // only once it has completed the appraisal.
  bodyRow(
    ws,
    look,
    r,
    [
      '',
      'XẾP LOẠI',
      '',
      classLabel(fw, self.class),
      isAppraised(a.status) ? classLabel(fw, appraised.class) : NOT_APPRAISED,
      '',
      '',
    ],
    [],
    { bold: true },
  );
  line(ws, look, r + 2, COLS, policyNote(fw), { italic: true, size: 10, left: true });
  if (reduced.length > 0)
    line(
      ws,
      look,
      r + 3,
      COLS,
      `(*) Điểm tối đa áp dụng: không tính tiêu chí thành phần không áp dụng; kết quả đạt được (%) tính trên điểm này. Điểm tối đa theo khung: ${reduced.join('; ')}.`,
      { italic: true, size: 10, left: true },
    );
  return wb.toBuffer();
}
