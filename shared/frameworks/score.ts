/**
 * The contract's statement of scoring, kept as the reference the product's one scorer is tested against:
 * every total shown comes from shared/scoring.ts (fast, on the `Framework` tree runtime.ts builds), and
 * test/unit/frameworks-score.test.ts checks the two agree on random documents and sheets.
 *
 * How a leaf of a framework document is scored, and a sheet's totals exactly as API.md ("Frameworks as
 * data") states them. Integer hundredths throughout; the only divisions are rounded half-up.
 */
import { formatPoints } from '../format.js';
import type { Hundredths } from '../points.js';
import { walk, type CriteriaSet, type FrameworkDocNode, type FrameworkDocument } from './document.js';

export interface LeafScore {
  /** Hundredths of a point; undefined or null while the row is unscored (it counts 0). */
  score?: Hundredths | null;
  /** Heeded only on a main-criteria leaf that allows it. */
  notApplicable?: boolean;
}

/** Who sets the score: the commune (`self`), the council (`appraisal`), or the survey (round or secretariat). */
export type ScoreSource = 'self' | 'appraisal' | 'survey';

const pts = (h: Hundredths) => formatPoints(h);

/**
 * Whether `score` (hundredths) may be saved on `node` by `source`: undefined when it may, else the
 * reason in Vietnamese, naming the row. `score`: any hundredth 0..max; `choice`: one option's points;
 * `yes-no`: 0 or the maximum; `survey`: set only by the survey, never by the commune or the appraiser.
 */
export function checkLeafScore(
  node: Pick<FrameworkDocNode, 'code' | 'kind' | 'maxPoints' | 'options'> & { children: readonly unknown[] },
  score: number,
  source: ScoreSource,
): string | undefined {
  const row = `Dòng ${node.code}`;
  if (node.kind === 'group' || node.children.length > 0)
    return `${row} là nhóm: điểm của nhóm là tổng các dòng con, không chấm trực tiếp`;
  if (node.kind === 'survey' && source !== 'survey')
    return `${row} lấy điểm từ điều tra xã hội học; đơn vị và người thẩm định không chấm dòng này`;
  if (node.kind !== 'survey' && source === 'survey') return `${row} không phải dòng lấy điểm từ điều tra xã hội học`;
  if (!Number.isInteger(score)) return `${row}: điểm phải là số có nhiều nhất hai chữ số thập phân`;
  if (score < 0 || score > node.maxPoints) return `${row}: điểm ${pts(score)} phải từ 0 đến ${pts(node.maxPoints)}`;
  if (node.kind === 'yes-no' && score !== 0 && score !== node.maxPoints)
    return `${row} chấm đạt hoặc không đạt: chỉ nhận 0 hoặc ${pts(node.maxPoints)} điểm, không nhận ${pts(score)}`;
  if (node.kind === 'choice') {
    const options = node.options ?? [];
    if (!options.some((o) => o.points === score))
      return `${row}: điểm ${pts(score)} không ứng với phương án nào (${options.map((o) => `${o.label}: ${pts(o.points)}`).join('; ')})`;
  }
  return undefined;
}

export interface DocumentTotals {
  /** The main criteria's points (under `full`, not-applicable rows count their maximum). */
  main: Hundredths;
  applicableMax: Hundredths;
  /** half-up(main × T / applicableMax) under `rescale`; `main` under `full`. 0 when nothing applies. */
  mainIndex: Hundredths;
  /** The bonus and penalty rows' sums, before and after their caps. */
  bonusRaw: Hundredths;
  bonus: Hundredths;
  penaltyRaw: Hundredths;
  penalty: Hundredths;
  /** clamp(mainIndex + bonus − penalty, 0, T). */
  index: Hundredths;
  /** clamp(main + bonus − penalty, 0, T). */
  points: Hundredths;
  /** half-up(index × 100 / T), in hundredths of a percent. */
  percent: Hundredths;
  /** The figure published: `index` when `display` is `points`, `percent` when it is `percent`. */
  displayed: Hundredths;
  /** By the framework's class bands, on `displayed`. */
  class: string;
  /** Applicable main leaves with a score; applicable main leaves. */
  scored: number;
  applicable: number;
}

/** a / b rounded half-up, for a ≥ 0 and b > 0 (integers). */
export function halfUpDivide(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

interface CompiledSet {
  main: FrameworkDocNode[];
  bonus: FrameworkDocNode[];
  penalty: FrameworkDocNode[];
}

const compiled = new WeakMap<CriteriaSet, CompiledSet>();

function leaves(items: readonly FrameworkDocNode[]): FrameworkDocNode[] {
  return [...walk(items)].filter((n) => n.children.length === 0);
}

function compile(doc: FrameworkDocument, set: CriteriaSet): CompiledSet {
  let c = compiled.get(set);
  if (!c) {
    c = { main: leaves(set.items), bonus: leaves(doc.bonus?.items ?? []), penalty: leaves(doc.penalty?.items ?? []) };
    compiled.set(set, c);
  }
  return c;
}

/** The class of a displayed figure: the first band (highest first) whose threshold it reaches, else the last. */
export function classOfFigure(doc: Pick<FrameworkDocument, 'classBands'>, figure: Hundredths): string {
  for (const band of doc.classBands) if (figure >= band.minIndex) return band.class;
  return doc.classBands[doc.classBands.length - 1]?.class ?? '';
}

/**
 * The totals of one side (self or appraised) of a sheet scored against `set` of `doc`. Scores are taken
 * as given (each was checked by `checkLeafScore` when saved); unscored rows count 0.
 */
export function scoreDocumentSheet(
  doc: FrameworkDocument,
  set: CriteriaSet,
  rowOf: (code: string) => LeafScore | undefined,
): DocumentTotals {
  const c = compile(doc, set);
  const T = doc.total;
  let points = 0;
  let naMax = 0;
  let scored = 0;
  let applicable = 0;
  for (const leaf of c.main) {
    const row = rowOf(leaf.code);
    if (row?.notApplicable && leaf.notApplicableAllowed) {
      naMax += leaf.maxPoints;
      continue;
    }
    applicable++;
    const s = row?.score;
    if (s !== undefined && s !== null) {
      points += s;
      scored++;
    }
  }
  const sum = (list: FrameworkDocNode[]) => list.reduce((s, leaf) => s + (rowOf(leaf.code)?.score ?? 0), 0);
  const full = doc.notApplicablePolicy === 'full';
  const main = full ? points + naMax : points;
  const applicableMax = full ? T : T - naMax;
  const mainIndex = full ? main : applicableMax > 0 ? halfUpDivide(main * T, applicableMax) : 0;
  const bonusRaw = sum(c.bonus);
  const penaltyRaw = sum(c.penalty);
  const bonus = Math.min(bonusRaw, doc.bonus?.cap ?? 0);
  const penalty = Math.min(penaltyRaw, doc.penalty?.cap ?? 0);
  const index = clamp(mainIndex + bonus - penalty, 0, T);
  const percent = T > 0 ? halfUpDivide(index * 10000, T) : 0;
  const displayed = doc.display === 'percent' ? percent : index;
  return {
    main,
    applicableMax,
    mainIndex,
    bonusRaw,
    bonus,
    penaltyRaw,
    penalty,
    index,
    points: clamp(main + bonus - penalty, 0, T),
    percent,
    displayed,
    class: classOfFigure(doc, displayed),
    scored,
    applicable,
  };
}
