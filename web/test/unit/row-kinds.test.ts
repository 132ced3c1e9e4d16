/**
 * The forms' reading of a framework's row kinds (issue 22 item 5), on the sample framework: the options
 * a choice or yes-no row is picked from, the survey row, the bonus and penalty sections' titles with
 * their caps, the figure in percent.
 */
import { describe, expect, it } from 'vitest';
import {
  areaHeading,
  choiceOf,
  choicesOf,
  displayedFigure,
  isSurvey,
  progressLeafCount,
  rowsWithoutEvidence,
} from '../../src/lib/row-kinds';
import { frameworkFromDocument } from '$shared/frameworks/runtime';
import { sampleFramework2026 } from '$shared/frameworks/sample';
import { decision4203Document } from '$shared/frameworks/from-catalog';

const fw = frameworkFromDocument(sampleFramework2026());
const f4203 = frameworkFromDocument(decision4203Document());
const node = (code: string) => fw.byCode.get(code)!;

describe('choicesOf', () => {
  it('a choice row offers the decision’s options with their points', () => {
    const c = choicesOf(node('1.1.1'))!;
    expect(c.map((o) => o.text)).toEqual(['Ban hành đúng hạn — 1 điểm', 'Ban hành chậm — 0,5 điểm', 'Không ban hành — 0 điểm']);
    expect(c.map((o) => o.points)).toEqual([100, 50, 0]);
    expect(choiceOf(node('1.1.1'), 50)?.label).toBe('Ban hành chậm');
    expect(choiceOf(node('1.1.1'), null)).toBeUndefined();
  });

  it('a yes-no row is Đạt (its maximum) or Không đạt (0)', () => {
    const t1 = node('T.1');
    expect(choicesOf(t1)).toEqual([
      { label: 'Đạt', points: t1.max, text: 'Đạt — 2 điểm' },
      { label: 'Không đạt', points: 0, text: 'Không đạt — 0 điểm' },
    ]);
  });

  it('a typed row and a survey row have no options', () => {
    expect(choicesOf(node('1.1.2'))).toBeUndefined();
    expect(choicesOf(node('4.2.5'))).toBeUndefined();
    expect(isSurvey(node('4.2.5'))).toBe(true);
    expect(isSurvey(node('1.1.1'))).toBe(false);
  });
});

describe('sections and figures', () => {
  it('the bonus and penalty sections say their caps; a main area keeps its title', () => {
    const [bonus, penalty] = fw.areas.slice(-2);
    expect(areaHeading(fw, bonus!)).toBe('Điểm thưởng (tính tối đa 3 điểm)');
    expect(areaHeading(fw, penalty!)).toBe('Điểm trừ (tính tối đa 5 điểm)');
    expect(areaHeading(fw, fw.areas[0]!)).toBe(fw.areas[0]!.title);
  });

  it('the figure is a percent when the framework displays percent, the index otherwise', () => {
    expect(displayedFigure(fw, { index: 8750, percent: 8750 })).toBe('87,50%');
    expect(displayedFigure(f4203, { index: 8750, percent: 8750 })).toBe('87,50');
  });

  it('progress counts the main rows the unit scores: not bonus, penalty or survey rows', () => {
    expect(progressLeafCount(f4203)).toBe(f4203.leaves.length);
    // The sample has 4203's leaves (4.2.5 now a survey row) and four bonus/penalty rows.
    expect(fw.leaves.length).toBe(f4203.leaves.length + 4);
    expect(progressLeafCount(fw)).toBe(f4203.leaves.length - 1);
  });
});

describe('rowsWithoutEvidence (the submit dialog’s warning)', () => {
  const bare = { score: null, notApplicable: false, evidence: [] as unknown[] };
  it('4203 marks no row: every applicable row without evidence; a not-applicable one is left out', () => {
    const rows = rowsWithoutEvidence(f4203, (code) => (code === '1.8.1' ? { ...bare, notApplicable: true } : bare));
    expect(rows).toHaveLength(f4203.leaves.length - 1);
  });
  it('the sample: no survey row; a bonus or penalty row only once it has points', () => {
    const codes = (scored: Record<string, number>) =>
      rowsWithoutEvidence(fw, (code) => ({ ...bare, score: scored[code] ?? null })).map((l) => l.code);
    expect(codes({})).not.toContain('4.2.5');
    expect(codes({}).some((c) => c.startsWith('T.') || c.startsWith('P.'))).toBe(false);
    expect(codes({ 'T.1': 200 })).toContain('T.1');
  });
  it('a framework that marks rows "evidence required" warns about those only', () => {
    const doc = sampleFramework2026();
    doc.sets[0]!.items[0]!.children[0]!.children[0]!.evidenceRequired = true;
    const marked = frameworkFromDocument(doc);
    expect(rowsWithoutEvidence(marked, () => bare).map((l) => l.code)).toEqual(['1.1.1']);
  });
});
