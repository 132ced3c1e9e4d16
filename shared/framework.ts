/**
 * Framework catalogs (Decision 4203 is the first): flat rows as the decision lists them, turned into a
 * tree by code. `I`..`VIII` are the areas; `1.1` belongs to area I, `1.1.1` to criterion `1.1`.
 * All points inside the domain are integer hundredths (`Hundredths`); the catalog data is in points.
 */
import { InvalidInput } from './errors.js';
import { toHundredths, toPoints, type Hundredths } from './points.js';

// The conversion's home is points.ts; re-exported here, where the domain has always found it.
export { toHundredths, toPoints, type Hundredths };
/** Commune-level unit kinds: `dac-khu` (special zone) exists since 1 July 2025, `thi-tran` only before it. */
export const COMMUNE_KINDS = ['xa', 'phuong', 'dac-khu', 'thi-tran'] as const;
/**
 * Every kind of assessed unit: the commune-level kinds, and `department` (sở, ban, ngành), assessed beside
 * the communes of a province-level organisation (shared/organisation.ts `departments`).
 */
export const UNIT_KINDS = [...COMMUNE_KINDS, 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export type NotApplicablePolicy = 'rescale' | 'full';
export type ClassCode = 'xuat-sac' | 'tot' | 'kha' | 'trung-binh' | 'yeu';

export interface ClassBand {
  class: ClassCode;
  label: string;
  /** Lowest index (inclusive) of the band, in points. */
  minIndex: number;
}

export interface FrameworkRowDefinition {
  code: string;
  title: string;
  maxPoints: number;
  notApplicableAllowed?: boolean;
  /** A row whose meaning depends on the commune's kind (8.3.1 in Decision 4203). */
  titleByUnitKind?: Partial<Record<UnitKind, string>>;
}

export interface FrameworkDefinition {
  id: string;
  title: string;
  totalPoints: number;
  notApplicablePolicy: NotApplicablePolicy;
  classBands: ClassBand[];
  rows: FrameworkRowDefinition[];
}

/** Where a row counts: the main criteria, the bonus group (điểm thưởng) or the penalty group (điểm trừ). */
export type Component = 'main' | 'bonus' | 'penalty';
/** `group`: a row with children; a leaf is scored as `score`, `choice`, `yes-no` or `survey` (shared/frameworks/score.ts). */
export type RowKind = 'group' | 'score' | 'choice' | 'yes-no' | 'survey';

export interface FrameworkNode {
  code: string;
  title: string;
  titleByUnitKind?: Partial<Record<UnitKind | 'department', string>>;
  max: Hundredths;
  notApplicableAllowed: boolean;
  /** The area this row belongs to: a main area's code (`I`..`VIII`), or the bonus or penalty group's. */
  area: string;
  parent?: string;
  children: FrameworkNode[];
  /** Default `score` for a leaf, `group` for a parent (the compiled catalog sets neither). */
  kind?: RowKind;
  /** `choice` rows: the decision's options, points in hundredths. */
  options?: { label: string; points: Hundredths }[];
  /** "Cách thức, phương pháp đánh giá". */
  guidance?: string;
  evidenceRequired?: boolean;
  /** Default `main`. */
  component?: Component;
}

export interface Framework {
  id: string;
  title: string;
  total: Hundredths;
  notApplicablePolicy: NotApplicablePolicy;
  classBands: ClassBand[];
  /** Results published as points (index on `total`) or as percent: classes and ranks follow that figure. */
  display?: 'points' | 'percent';
  /** The framework document's version (frameworks as data). */
  version?: number;
  /** The criteria set this view is of (a framework may hold one per unit kind). */
  setId?: string;
  /** Caps of the bonus and penalty groups, in hundredths (absent: no such group). */
  bonusCap?: Hundredths;
  penaltyCap?: Hundredths;
  /** The main areas, then the bonus and the penalty group, each as an area. */
  areas: FrameworkNode[];
  /** Every row, in the decision's order. */
  rows: FrameworkNode[];
  /** The rows without children: the ones that receive a score. */
  leaves: FrameworkNode[];
  byCode: ReadonlyMap<string, FrameworkNode>;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function parentCode(code: string): string | undefined {
  const parts = code.split('.');
  if (parts.length === 1) return undefined;
  if (parts.length === 2) return ROMAN[Number(parts[0]) - 1];
  return parts.slice(0, -1).join('.');
}

/**
 * Checks a catalog and builds its tree. Rejects, naming the row: duplicate or malformed codes, a row
 * whose parent is missing, maxima not in quarter points, a parent not equal to the sum of its children,
 * areas not adding up to the declared total, class bands out of order.
 */
export function buildFramework(def: FrameworkDefinition): Framework {
  const fail = (message: string, code?: string): never => {
    throw new InvalidInput(message, code ? { code } : undefined);
  };
  const byCode = new Map<string, FrameworkNode>();
  const areas: FrameworkNode[] = [];
  const rows: FrameworkNode[] = [];
  for (const row of def.rows) {
    if (!/^([IVX]+|\d+(\.\d+){1,2})$/.test(row.code)) fail(`Mã dòng "${row.code}" không hợp lệ`, row.code);
    if (byCode.has(row.code)) fail(`Mã dòng "${row.code}" bị trùng`, row.code);
    if (!row.title.trim()) fail(`Dòng ${row.code} thiếu tên`, row.code);
    const max = toHundredths(row.maxPoints);
    if (!Number.isFinite(max) || max <= 0 || max % 25 !== 0)
      fail(`Điểm tối đa của dòng ${row.code} (${row.maxPoints}) phải là bội số của 0,25 và lớn hơn 0`, row.code);
    const parent = parentCode(row.code);
    const parentNode = parent === undefined ? undefined : byCode.get(parent);
    if (parent !== undefined && !parentNode) fail(`Dòng ${row.code} không có dòng cha ${parent} đứng trước`, row.code);
    const node: FrameworkNode = {
      code: row.code,
      title: row.title,
      ...(row.titleByUnitKind ? { titleByUnitKind: row.titleByUnitKind } : {}),
      max,
      notApplicableAllowed: row.notApplicableAllowed === true,
      area: parentNode ? parentNode.area : row.code,
      ...(parent ? { parent } : {}),
      children: [],
    };
    byCode.set(row.code, node);
    rows.push(node);
    if (parentNode) parentNode.children.push(node);
    else areas.push(node);
  }
  for (const node of rows) {
    if (node.children.length === 0) continue;
    const sum = node.children.reduce((s, c) => s + c.max, 0);
    if (sum !== node.max)
      fail(`Điểm tối đa của dòng ${node.code} (${toPoints(node.max)}) khác tổng các dòng con (${toPoints(sum)})`, node.code);
  }
  const total = toHundredths(def.totalPoints);
  const sumAreas = areas.reduce((s, a) => s + a.max, 0);
  if (sumAreas !== total)
    fail(`Tổng điểm các lĩnh vực (${toPoints(sumAreas)}) khác tổng điểm của bộ tiêu chí (${def.totalPoints})`);
  const bands = def.classBands;
  if (bands.length === 0 || bands[bands.length - 1]!.minIndex !== 0) fail('Các mức xếp loại phải kết thúc ở mức có ngưỡng 0');
  for (let i = 1; i < bands.length; i++)
    if (bands[i]!.minIndex >= bands[i - 1]!.minIndex) fail('Các mức xếp loại phải xếp theo ngưỡng giảm dần');
  return {
    id: def.id,
    title: def.title,
    total,
    notApplicablePolicy: def.notApplicablePolicy,
    classBands: bands,
    areas,
    rows,
    leaves: rows.filter((r) => r.children.length === 0),
    byCode,
  };
}

/** The title of a row as a commune of `kind` reads it (8.3.1 differs for xã and phường/thị trấn). */
export function titleFor(node: FrameworkNode, kind?: UnitKind): string {
  return (kind && node.titleByUnitKind?.[kind]) || node.title;
}

/** A row's kind: the catalog's rows have none (a parent is a group, a leaf is scored). */
export const kindOf = (n: FrameworkNode): RowKind => n.kind ?? (n.children.length > 0 ? 'group' : 'score');
export const componentOf = (n: FrameworkNode): Component => n.component ?? 'main';
/** The main areas (without the bonus and the penalty group). */
export const mainAreas = (fw: Framework): FrameworkNode[] => fw.areas.filter((a) => componentOf(a) === 'main');
/** Whether a leaf's score is entered by the commune and the appraiser (not the survey's), and counts towards progress. */
export const isProgressLeaf = (n: FrameworkNode): boolean => componentOf(n) === 'main' && kindOf(n) !== 'survey';
