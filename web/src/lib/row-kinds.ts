/**
 * What the forms and results read of a framework's row kinds (issue 22 item 5): a `choice` or `yes-no`
 * leaf is entered by picking an option (its points saved through the same path as a typed score), a
 * `survey` leaf gets its points from the sociological survey, the bonus and penalty groups are sections
 * of their own with a cap, and a framework may publish its results in percent.
 */
import { formatFixed2, formatPercent, formatPoints } from './format';
import { componentOf, isProgressLeaf, kindOf, type Framework, type FrameworkNode, type Hundredths } from '$shared/framework';

export interface RowChoice {
  label: string;
  points: Hundredths;
  /** What the select shows: "Ban hành đúng hạn — 1 điểm". */
  text: string;
}

/** The options a leaf is scored by (choice: the decision's; yes-no: Đạt = max, Không đạt = 0); undefined for a typed score. */
export function choicesOf(node: FrameworkNode): RowChoice[] | undefined {
  const kind = kindOf(node);
  const opts =
    kind === 'choice'
      ? (node.options ?? [])
      : kind === 'yes-no'
        ? [
            { label: 'Đạt', points: node.max },
            { label: 'Không đạt', points: 0 },
          ]
        : undefined;
  return opts?.map((o) => ({ ...o, text: `${o.label} — ${formatPoints(o.points)} điểm` }));
}

/** The option a saved score stands for (the first with those points), if any. */
export function choiceOf(node: FrameworkNode, score: Hundredths | null): RowChoice | undefined {
  if (score === null) return undefined;
  return choicesOf(node)?.find((o) => o.points === score);
}

export const isSurvey = (node: FrameworkNode): boolean => kindOf(node) === 'survey';

/** The section title of an area: the bonus and penalty groups say their cap ("Điểm thưởng (tính tối đa 3 điểm)"). */
export function areaHeading(fw: Pick<Framework, 'bonusCap' | 'penaltyCap'>, area: FrameworkNode): string {
  const c = componentOf(area);
  if (c === 'bonus') return `Điểm thưởng${fw.bonusCap !== undefined ? ` (tính tối đa ${formatPoints(fw.bonusCap)} điểm)` : ''}`;
  if (c === 'penalty')
    return `Điểm trừ${fw.penaltyCap !== undefined ? ` (tính tối đa ${formatPoints(fw.penaltyCap)} điểm)` : ''}`;
  return area.title;
}

/** The totals bar's figure: the index ("87,50"), or the percent ("87,50%") when the framework displays percent. */
export function displayedFigure(fw: Pick<Framework, 'display'>, side: { index: Hundredths; percent: Hundredths }): string {
  return fw.display === 'percent' ? formatPercent(side.percent) : formatFixed2(side.index);
}

/** Leaves the unit scores and that count towards progress (main criteria, not survey rows). */
export const progressLeafCount = (fw: Framework): number => fw.leaves.filter(isProgressLeaf).length;

/**
 * The rows the submit dialog warns about (a warning, never a refusal): applicable rows the unit scores
 * without evidence, and bonus or penalty rows that have points without it; survey rows take none from the
 * unit. A framework that marks rows "evidence required" warns about those only; one that marks none
 * (Decision 4203) about every such row.
 */
export function rowsWithoutEvidence(
  fw: Pick<Framework, 'leaves'>,
  rowOf: (code: string) => { score: Hundredths | null; notApplicable: boolean; evidence: readonly unknown[] },
): FrameworkNode[] {
  const marked = fw.leaves.some((l) => l.evidenceRequired);
  return fw.leaves.filter((l) => {
    const row = rowOf(l.code);
    const counts = isProgressLeaf(l) || (kindOf(l) !== 'survey' && (row.score ?? 0) > 0);
    return counts && (!marked || l.evidenceRequired === true) && !row.notApplicable && row.evidence.length === 0;
  });
}
