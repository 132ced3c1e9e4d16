/**
 * The ranking-step rule (Điều 6.3–6.6): a district's ranking is approved, published and reported,
 * and with each step every commune of the district moves from the status the step needs to the
 * status it moves to. The ranking's own order is `rankingTransition` (lifecycle.ts).
 */
import { LifecycleViolation } from './errors.js';
import type { AssessmentStatus, RankingStatus } from './lifecycle.js';

export const RANKING_STEPS = ['approve', 'publish', 'report'] as const;
export type RankingStep = (typeof RANKING_STEPS)[number];

/** The status each commune must have for the step, and the status the step moves it to. */
export const rankingStepRule: Record<RankingStep, { needs: AssessmentStatus; moves: AssessmentStatus }> = {
  approve: { needs: 'APPRAISED', moves: 'APPROVED' },
  publish: { needs: 'APPROVED', moves: 'PUBLISHED' },
  report: { needs: 'PUBLISHED', moves: 'REPORTED' },
};

/** The steps a ranking at this status has taken, in order (OPEN: none). */
export function stepsTaken(status: RankingStatus): RankingStep[] {
  const reached = { OPEN: 0, APPROVED: 1, PUBLISHED: 2, REPORTED: 3 }[status];
  return RANKING_STEPS.slice(0, reached);
}

/** Where the ranking steps leave an assessment: APPRAISED, then one further with each step. */
const STEP_ORDER: AssessmentStatus[] = ['APPRAISED', 'APPROVED', 'PUBLISHED', 'REPORTED'];

/** Whether an assessment is already where the step moves it, or further (a finished step is not taken twice). */
export function stepDone(status: AssessmentStatus, step: RankingStep): boolean {
  return STEP_ORDER.indexOf(status) >= STEP_ORDER.indexOf(rankingStepRule[step].moves);
}

/**
 * What a step does to one assessment when its ranking has taken it: move it (it has the status the
 * step needs), or leave it (already moved, by this settler or a concurrent one; or not a ranked one).
 */
export function settleAction(status: AssessmentStatus, step: RankingStep): 'move' | 'skip' {
  return status === rankingStepRule[step].needs ? 'move' : 'skip';
}

/** The approval's precondition: at least one commune, and every commune of the district appraised. */
export function assertMayApprove(list: readonly { unitId: string; unitName: string; status: AssessmentStatus }[]): void {
  const waiting = list
    .filter((a) => a.status !== rankingStepRule.approve.needs)
    .map((a) => ({ unitId: a.unitId, unitName: a.unitName, status: a.status }));
  if (waiting.length > 0 || list.length === 0)
    throw new LifecycleViolation(`Chưa thể phê duyệt: còn ${waiting.length} đơn vị chưa hoàn thành thẩm định.`, { waiting });
}

/** Whether every assessment of a district has caught up with the step its ranking has taken. */
export function settledAt(statuses: readonly AssessmentStatus[], step: RankingStep): boolean {
  return statuses.every((s) => stepDone(s, step));
}

/**
 * Whether an assessment has moved past its district's ranking: a step was taken after the ranking was
 * read, so a reader reads the ranking again rather than show the two out of step.
 */
export function aheadOf(status: AssessmentStatus, ranking: RankingStatus): boolean {
  const reached = stepsTaken(ranking).length;
  return STEP_ORDER.indexOf(status) > reached;
}

/**
 * The rule by which ranks are given, in the words every screen and file shows beside a rank (issue 21,
 * item 2). Ranks follow the index (`rankByIndex`): under the `rescale` policy that is the appraised
 * points over the applicable maximum, which differs from the points when a row is not applicable, so
 * the text names the index. Under `full` a not-applicable row counts its full maximum and, on a
 * 100-point framework, the index is the points: the text says the two coincide.
 */
export function rankRule(
  fw: {
    notApplicablePolicy: 'rescale' | 'full';
    total: number;
    display?: 'points' | 'percent';
    bonusCap?: number;
    penaltyCap?: number;
  },
  o: { blocks?: boolean } = {},
): string {
  const order = `từ cao xuống thấp${o.blocks ? ', xếp riêng từng khối' : ''}; đồng chỉ số thì đồng hạng (Điều 8).`;
  // A framework with bonus or penalty groups, or published in percent (frameworks as data): the figure
  // ranked is named as it is built (API.md, "Frameworks as data").
  const groups =
    fw.bonusCap !== undefined || fw.penaltyCap !== undefined
      ? ` cộng điểm thưởng, trừ điểm trừ (mỗi loại tính tối đa theo mức trần của bộ tiêu chí)`
      : '';
  if (fw.display === 'percent' || groups) {
    const base =
      fw.notApplicablePolicy === 'rescale'
        ? 'điểm các tiêu chí quy theo tổng điểm tối đa áp dụng'
        : 'điểm các tiêu chí (tiêu chí không áp dụng được tính đủ điểm tối đa)';
    const figure = fw.display === 'percent' ? 'tỷ lệ phần trăm của chỉ số CCHC trên tổng điểm' : 'chỉ số CCHC';
    return `Xếp hạng theo ${figure}: ${base}${groups} ${order}`;
  }
  if (fw.notApplicablePolicy === 'rescale')
    return `Xếp hạng theo chỉ số CCHC (điểm thẩm định / tổng điểm tối đa áp dụng × 100) ${order} Khi có tiêu chí không áp dụng, chỉ số khác điểm thẩm định.`;
  if (fw.total === 10000)
    return `Xếp hạng theo chỉ số CCHC ${order} Tiêu chí không áp dụng được tính đủ điểm tối đa nên chỉ số bằng điểm thẩm định.`;
  return `Xếp hạng theo chỉ số CCHC (điểm thẩm định / tổng điểm tối đa × 100) ${order}`;
}

/** The approval's decision, as the chairman gave it (both optional: a ranking approved without them has none). */
export interface RankingDecision {
  /** As typed: "125" or "125/QĐ-UBND". */
  number?: string;
  /** ISO date, "2027-01-15". */
  date?: string;
}

/** "125" → "125/QĐ-UBND": a bare number takes the decision's usual suffix; anything else stays as typed. */
export function decisionNumberText(n: string): string {
  return /^\d+$/.test(n) ? `${n}/QĐ-UBND` : n;
}

/** "2027-01-15" → "15/01/2027". */
export function decisionDateText(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * "Quyết định số 125/QĐ-UBND ngày 15/01/2027", with dotted blanks for what the approval did not record
 * (the template's "……/QĐ-UBND ngày …/…/2027", to be filled in by hand).
 */
export function decisionText(d: RankingDecision | undefined, year: number): string {
  const number = d?.number ? decisionNumberText(d.number) : '……/QĐ-UBND';
  const date = d?.date ? decisionDateText(d.date) : `…/…/${year + 1}`;
  return `Quyết định số ${number} ngày ${date}`;
}

/** The calendar date in Hà Nội (UTC+7, no daylight saving) at the instant `now`: "2027-01-15". */
export const hanoiDate = (now: string): string => new Date(Date.parse(now) + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Why a decision date cannot be the one approving a cycle's ranking, or undefined when it can: it is
 * signed in the cycle's year or later (usually early the next year), and never after today in Hà Nội,
 * since the approval records a decision already signed. A well-formed date outside that is a typo.
 */
export function decisionDateProblem(date: string, cycleYear: number, now: string): string | undefined {
  const today = hanoiDate(now);
  if (date > today)
    return `Ngày quyết định ${decisionDateText(date)} chưa đến: quyết định phê duyệt đã ký không thể ghi ngày sau hôm nay (${decisionDateText(today)}).`;
  if (Number(date.slice(0, 4)) < cycleYear)
    return `Ngày quyết định ${decisionDateText(date)} trước năm ${cycleYear}: quyết định phê duyệt kết quả năm ${cycleYear} được ký từ năm ${cycleYear} trở đi.`;
  return undefined;
}
