/**
 * The pure half of the Excel export/import: a framework as the cells of the decision's
 * appendix layout and back. Reading and writing the .xlsx bytes (and refusing hostile files: not a zip,
 * a zip bomb, a million rows, formulas, external links, XML entities) is the other half, left for the
 * wiring in functions/; it hands this module the cells of the sheets it read.
 *
 * Layout (API.md, `POST /api/frameworks/import`): on the first sheet, the title row, then the header:
 * the first row holding `STT` and `Điểm tối đa`; below it one row per node in order, the code in `STT`,
 * the title in the next column, the maximum in `Điểm tối đa` (a number, or text such as `0,25`), the
 * guidance in `Cách thức, phương pháp đánh giá` if that column is there. The other columns and the
 * second sheet carry what the export writes beyond the appendix (kinds, options, sets, bonus, penalty,
 * bands), so that export then import gives the same definition. A plain appendix without them imports
 * as one set for every commune kind, each leaf scored `score`.
 */
import { formatPoints } from '../format.js';
import { toHundredths, type Hundredths } from '../points.js';
import {
  SET_UNIT_KINDS,
  type CriteriaSet,
  type FrameworkDocNode,
  type FrameworkDocument,
  type NodeKind,
  type SetUnitKind,
} from './document.js';
import { KIND_LABELS, parentCodeOf } from './validate.js';

export type Cell = string | number | null;
export interface SheetTable {
  name: string;
  /** Row 1 first; a missing cell is null. */
  rows: Cell[][];
}

/** A definition: the document without what the store owns (id, status, version). */
export type FrameworkDefinitionDoc = Omit<FrameworkDocument, 'id' | 'status' | 'version'>;

export interface TableProblem {
  sheet: string;
  /** 1-based, as Excel numbers rows. */
  row?: number;
  code?: string;
  message: string;
}

export const MAIN_SHEET = 'Bộ tiêu chí';
export const INFO_SHEET = 'Thông tin';
/** More rows than any decision has: a sheet longer than this is refused before it is read. */
export const MAX_TABLE_ROWS = 5000;

const COL = {
  code: 'STT',
  title: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần',
  max: 'Điểm tối đa',
  guidance: 'Cách thức, phương pháp đánh giá',
  kind: 'Cách chấm',
  options: 'Phương án (mỗi dòng một phương án: tên: điểm)',
  na: 'Được chọn "không áp dụng"',
  evidence: 'Cần tài liệu kiểm chứng',
  byKind: 'Tên theo loại đơn vị (mỗi dòng: loại: tên)',
  part: 'Phần',
} as const;
const HEADER = Object.values(COL);

const YES = 'có';
const NO = 'không';
const BONUS_PART = 'điểm thưởng';
const PENALTY_PART = 'điểm trừ';
const SET_PART = 'tập tiêu chí';

const INFO = {
  total: 'Tổng điểm',
  display: 'Công bố kết quả theo',
  policy: 'Dòng không áp dụng',
  years: 'Năm áp dụng',
  number: 'Số quyết định',
  date: 'Ngày ký (năm-tháng-ngày)',
  signer: 'Người ký',
  basedOn: 'Sao chép từ bộ tiêu chí',
  band: 'Mức xếp loại',
} as const;
const DISPLAY = { points: 'điểm', percent: 'phần trăm' } as const;
const POLICY = { rescale: 'tính lại trên tổng điểm còn lại', full: 'tính đủ điểm' } as const;

const KIND_BY_LABEL = new Map(Object.entries(KIND_LABELS).map(([k, v]) => [v, k as NodeKind]));

/** Points as Excel shows them to a Vietnamese reader, exact to the hundredth: a number cell. */
const asNumber = (h: Hundredths) => h / 100;

/** A framework as the cells of the appendix layout (first sheet) and its settings (second sheet). */
export function frameworkToTables(doc: FrameworkDefinitionDoc): SheetTable[] {
  const rows: Cell[][] = [[doc.title], HEADER.slice()];
  const nodeRows = (items: readonly FrameworkDocNode[]) => {
    for (const n of items) {
      rows.push([
        n.code,
        n.title,
        asNumber(n.maxPoints),
        n.guidance ?? null,
        KIND_LABELS[n.kind],
        n.options ? n.options.map((o) => `${o.label}: ${formatPoints(o.points)}`).join('\n') : null,
        n.notApplicableAllowed ? YES : null,
        n.evidenceRequired === undefined ? null : n.evidenceRequired ? YES : NO,
        n.titleByUnitKind
          ? Object.entries(n.titleByUnitKind)
              .map(([k, t]) => `${k}: ${t}`)
              .join('\n')
          : null,
        null,
      ]);
      nodeRows(n.children);
    }
  };
  for (const set of doc.sets) {
    rows.push([
      null,
      set.title,
      asNumber(doc.total),
      null,
      null,
      null,
      null,
      null,
      null,
      `${SET_PART}: ${set.id}: ${set.unitKinds.join(', ')}`,
    ]);
    nodeRows(set.items);
  }
  for (const [part, group] of [
    [BONUS_PART, doc.bonus],
    [PENALTY_PART, doc.penalty],
  ] as const) {
    if (!group) continue;
    rows.push([
      null,
      part === BONUS_PART ? 'ĐIỂM THƯỞNG' : 'ĐIỂM TRỪ',
      asNumber(group.cap),
      null,
      null,
      null,
      null,
      null,
      null,
      part,
    ]);
    nodeRows(group.items);
  }
  const info: Cell[][] = [
    [INFO.total, asNumber(doc.total)],
    [INFO.display, DISPLAY[doc.display]],
    [INFO.policy, POLICY[doc.notApplicablePolicy]],
    [INFO.years, doc.years.join(', ')],
  ];
  if (doc.decision)
    info.push([INFO.number, doc.decision.number], [INFO.date, doc.decision.date], [INFO.signer, doc.decision.signer]);
  if (doc.basedOn !== undefined) info.push([INFO.basedOn, doc.basedOn]);
  for (const b of doc.classBands) info.push([INFO.band, b.class, b.label, asNumber(b.minIndex)]);
  return [
    { name: MAIN_SHEET, rows },
    { name: INFO_SHEET, rows: info },
  ];
}

const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());

/** Points from a cell: a number, or text as an official types it ("0,25", "1.5"); hundredths, or undefined. */
function pointsOf(c: Cell | undefined): Hundredths | undefined {
  if (typeof c === 'number') {
    const h = toHundredths(c);
    return Number.isNaN(h) ? undefined : h;
  }
  const m = /^(-?\d+)(?:[.,](\d{1,2}))?$/.exec(text(c));
  if (!m) return undefined;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0'));
  return m[1]!.startsWith('-') ? whole * 100 - frac : whole * 100 + frac;
}

export type TableResult = { ok: true; definition: FrameworkDefinitionDoc } | { ok: false; problems: TableProblem[] };

/**
 * The definition the sheets hold, or every problem found, each naming its sheet and row. `fileName`
 * gives the title when the sheet has no title row. The result's consistency is `validateFramework`'s
 * (a draft may be inconsistent); this only reads.
 */
export function frameworkFromTables(sheets: readonly SheetTable[], fileName: string): TableResult {
  const problems: TableProblem[] = [];
  const main = sheets[0];
  if (!main) return { ok: false, problems: [{ sheet: '', message: 'Tệp không có trang tính nào' }] };
  const sheet = main.name;
  const fail = (row: number | undefined, message: string, code?: string) =>
    problems.push({
      sheet,
      ...(row === undefined ? {} : { row }),
      ...(code === undefined ? {} : { code }),
      message: `Trang "${sheet}"${row === undefined ? '' : `, dòng ${row}`}: ${message}`,
    });
  for (const s of sheets)
    if (s.rows.length > MAX_TABLE_ROWS)
      return {
        ok: false,
        problems: [{ sheet: s.name, message: `Trang "${s.name}" có ${s.rows.length} dòng, quá ${MAX_TABLE_ROWS} dòng cho phép` }],
      };

  const headerAt = main.rows.findIndex((r) => r.some((c) => text(c) === COL.code) && r.some((c) => text(c) === COL.max));
  if (headerAt < 0) {
    fail(undefined, `không có dòng tiêu đề gồm cột "${COL.code}" và cột "${COL.max}"`);
    return { ok: false, problems };
  }
  const header = main.rows[headerAt]!.map(text);
  const col = (name: string) => header.indexOf(name);
  const codeCol = col(COL.code);
  const titleCol = col(COL.title) >= 0 ? col(COL.title) : codeCol + 1;
  const cell = (r: Cell[], name: string) => {
    const i = col(name);
    return i < 0 ? undefined : r[i];
  };
  const titleRow = main.rows.slice(0, headerAt).find((r) => r.some((c) => text(c) !== ''));
  const title = titleRow ? text(titleRow.find((c) => text(c) !== '')) : fileName.replace(/\.xlsx$/i, '');

  const info = readInfo(sheets[1]?.name === INFO_SHEET ? sheets[1] : undefined, problems);
  const sets: CriteriaSet[] = [];
  const groups: { bonus?: FrameworkDocument['bonus']; penalty?: FrameworkDocument['penalty'] } = {};
  let items: FrameworkDocNode[] | undefined;
  let byCode = new Map<string, FrameworkDocNode>();
  const unmarked = new Set<FrameworkDocNode>();
  const startPart = (list: FrameworkDocNode[]) => {
    items = list;
    byCode = new Map();
  };

  for (let i = headerAt + 1; i < main.rows.length; i++) {
    const r = main.rows[i]!;
    const rowNo = i + 1;
    const code = text(r[codeCol]);
    const part = text(cell(r, COL.part));
    if (part) {
      const cap = pointsOf(cell(r, COL.max));
      if (part === BONUS_PART || part === PENALTY_PART) {
        if (cap === undefined) fail(rowNo, `mức điểm tối đa của nhóm ${part} phải là số`);
        const group = { cap: cap ?? 0, items: [] };
        groups[part === BONUS_PART ? 'bonus' : 'penalty'] = group;
        startPart(group.items);
        continue;
      }
      const m = new RegExp(`^${SET_PART}: ([^:]+):(.*)$`).exec(part);
      const kinds = m && m[2]!.trim() ? m[2]!.split(',').map((k) => k.trim()) : [];
      const unknown = kinds.filter((k) => !(SET_UNIT_KINDS as readonly string[]).includes(k));
      if (!m || unknown.length > 0) {
        fail(rowNo, `cột "${COL.part}" không đọc được ("${part}")`);
        continue;
      }
      const set: CriteriaSet = { id: m[1]!.trim(), title: text(r[titleCol]), unitKinds: kinds as SetUnitKind[], items: [] };
      sets.push(set);
      startPart(set.items);
      continue;
    }
    if (!code && r.every((c) => text(c) === '')) continue;
    if (!code) {
      fail(rowNo, `thiếu mã ở cột "${COL.code}"`);
      continue;
    }
    if (!items) {
      // A plain appendix: one set for every commune kind.
      const set: CriteriaSet = {
        id: 'chung',
        title: 'Tiêu chí chung',
        unitKinds: ['xa', 'phuong', 'dac-khu', 'thi-tran'],
        items: [],
      };
      sets.push(set);
      startPart(set.items);
    }
    const node = readNode(r, code, cell, titleCol, (message) => fail(rowNo, message, code));
    if (!text(cell(r, COL.kind))) unmarked.add(node);
    const parentCode = parentCodeOf(code);
    const parent = parentCode === undefined ? undefined : byCode.get(parentCode);
    if (parent) parent.children.push(node);
    else items!.push(node);
    if (!byCode.has(code)) byCode.set(code, node);
  }
  // A row given no kind (a plain appendix) is a group once it has children.
  for (const n of unmarked) if (n.children.length > 0) n.kind = 'group';
  if (problems.length > 0) return { ok: false, problems };
  const total = info.total ?? sets[0]?.items.reduce((s, a) => s + a.maxPoints, 0) ?? 0;
  const definition: FrameworkDefinitionDoc = {
    title,
    ...(info.decision ? { decision: info.decision } : {}),
    years: info.years ?? [],
    ...(info.basedOn !== undefined ? { basedOn: info.basedOn } : {}),
    display: info.display ?? 'points',
    classBands: info.bands ?? [],
    notApplicablePolicy: info.policy ?? 'rescale',
    total,
    sets,
    ...(groups.bonus ? { bonus: groups.bonus } : {}),
    ...(groups.penalty ? { penalty: groups.penalty } : {}),
  };
  return { ok: true, definition };
}

function readNode(
  r: Cell[],
  code: string,
  cell: (r: Cell[], name: string) => Cell | undefined,
  titleCol: number,
  fail: (message: string) => void,
): FrameworkDocNode {
  const at = `mã ${code}`;
  const max = pointsOf(cell(r, COL.max));
  if (max === undefined) fail(`${at}: điểm tối đa "${text(cell(r, COL.max))}" không phải số có nhiều nhất hai chữ số thập phân`);
  const kindText = text(cell(r, COL.kind));
  const kind = kindText ? KIND_BY_LABEL.get(kindText) : 'score';
  if (!kind) fail(`${at}: cách chấm "${kindText}" không có; chọn một trong: ${[...KIND_BY_LABEL.keys()].join(', ')}`);
  const node: FrameworkDocNode = {
    code,
    title: text(r[titleCol]),
    maxPoints: max ?? 0,
    kind: kind ?? 'score',
    notApplicableAllowed: text(cell(r, COL.na)) === YES,
    children: [],
  };
  const guidance = text(cell(r, COL.guidance));
  if (guidance) node.guidance = guidance;
  const evidence = text(cell(r, COL.evidence));
  if (evidence === YES || evidence === NO) node.evidenceRequired = evidence === YES;
  else if (evidence) fail(`${at}: cột "${COL.evidence}" chỉ nhận "${YES}" hoặc "${NO}"`);
  const options = text(cell(r, COL.options));
  if (options) {
    node.options = [];
    for (const line of options.split('\n')) {
      const sep = line.lastIndexOf(':');
      const points = sep < 0 ? undefined : pointsOf(line.slice(sep + 1).trim());
      if (points === undefined) fail(`${at}: phương án "${line}" phải có dạng "tên: điểm"`);
      else node.options.push({ label: line.slice(0, sep).trim(), points });
    }
  }
  const byKind = text(cell(r, COL.byKind));
  if (byKind) {
    const titles: Partial<Record<SetUnitKind, string>> = {};
    for (const line of byKind.split('\n')) {
      const sep = line.indexOf(':');
      const k = line.slice(0, Math.max(sep, 0)).trim();
      if (sep < 0 || !(SET_UNIT_KINDS as readonly string[]).includes(k))
        fail(`${at}: tên theo loại đơn vị "${line}" phải có dạng "loại: tên", loại là ${SET_UNIT_KINDS.join(', ')}`);
      else titles[k as SetUnitKind] = line.slice(sep + 1).trim();
    }
    node.titleByUnitKind = titles;
  }
  return node;
}

interface Info {
  total?: Hundredths;
  display?: FrameworkDocument['display'];
  policy?: FrameworkDocument['notApplicablePolicy'];
  years?: number[];
  decision?: FrameworkDocument['decision'];
  basedOn?: string;
  bands?: FrameworkDocument['classBands'];
}

function readInfo(s: SheetTable | undefined, problems: TableProblem[]): Info {
  const info: Info = {};
  if (!s) return info;
  const fail = (row: number, message: string) =>
    problems.push({ sheet: s.name, row, message: `Trang "${s.name}", dòng ${row}: ${message}` });
  const decision: Partial<NonNullable<Info['decision']>> = {};
  s.rows.forEach((r, i) => {
    const row = i + 1;
    const key = text(r[0]);
    const value = text(r[1]);
    switch (key) {
      case INFO.total:
        info.total = pointsOf(r[1]);
        if (info.total === undefined) fail(row, `tổng điểm "${value}" không phải số`);
        break;
      case INFO.display: {
        const d = (Object.keys(DISPLAY) as (keyof typeof DISPLAY)[]).find((k) => DISPLAY[k] === value);
        if (d) info.display = d;
        else fail(row, `cách công bố "${value}" không có; chọn "${DISPLAY.points}" hoặc "${DISPLAY.percent}"`);
        break;
      }
      case INFO.policy: {
        const p = (Object.keys(POLICY) as (keyof typeof POLICY)[]).find((k) => POLICY[k] === value);
        if (p) info.policy = p;
        else fail(row, `cách tính dòng không áp dụng "${value}" không có; chọn "${POLICY.rescale}" hoặc "${POLICY.full}"`);
        break;
      }
      case INFO.years: {
        const years = value === '' ? [] : value.split(',').map((y) => Number(y.trim()));
        if (years.some((y) => !Number.isInteger(y))) fail(row, `năm áp dụng "${value}" phải là các năm cách nhau bằng dấu phẩy`);
        else info.years = years;
        break;
      }
      case INFO.number:
        decision.number = value;
        break;
      case INFO.date:
        decision.date = value;
        break;
      case INFO.signer:
        decision.signer = value;
        break;
      case INFO.basedOn:
        info.basedOn = value;
        break;
      case INFO.band: {
        const minIndex = pointsOf(r[3]);
        if (minIndex === undefined) fail(row, `ngưỡng của mức xếp loại "${text(r[2])}" không phải số`);
        else (info.bands ??= []).push({ class: value, label: text(r[2]), minIndex });
        break;
      }
      default:
        if (key) fail(row, `mục "${key}" không có`);
    }
  });
  if (decision.number !== undefined || decision.date !== undefined || decision.signer !== undefined)
    info.decision = { number: decision.number ?? '', date: decision.date ?? '', signer: decision.signer ?? '' };
  return info;
}
