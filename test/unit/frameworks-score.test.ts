/**
 * Scoring a framework document (shared/frameworks/score.ts):
 * - for Decision 4203 (T = 100, no bonus or penalty) every figure equals today's scoreSheet
 *   (shared/scoring.ts) on the same random sheet, under both not-applicable policies;
 * - on random documents with bonus and penalty caps, every figure equals an independent computation:
 *   the tree summed by recursion, in bigint, and each half-up rounding checked by its defining inequality
 *   rather than by the same formula;
 * - a leaf's score is accepted exactly when its kind allows it, and a refusal names the row.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
import { buildFramework } from '../../shared/framework.js';
import { areaAchievementOf, emptyTally, scoreSheet, scoreSheetOf, tallySheet, type RowScore } from '../../shared/scoring.js';
import { walk, type FrameworkDocNode, type FrameworkDocument, type LeafKind } from '../../shared/frameworks/document.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
import { checkLeafScore, scoreDocumentSheet, type LeafScore, type ScoreSource } from '../../shared/frameworks/score.js';
import { consistentDocument } from '../support/framework-docs.js';
import { frameworkFromDocument } from '../../shared/frameworks/runtime.js';

const leavesOf = (items: FrameworkDocNode[]) => [...walk(items)].filter((n) => n.children.length === 0);

/** A random sheet over some leaves: each unscored, or a hundredth in 0..max; any row may be marked not applicable. */
function sheetOver(leaves: FrameworkDocNode[]): fc.Arbitrary<Record<string, LeafScore>> {
  return fc
    .tuple(
      ...leaves.map((l) =>
        fc.record({
          score: fc.option(fc.integer({ min: 0, max: l.maxPoints }), { nil: undefined, freq: 4 }),
          notApplicable: fc.boolean(),
        }),
      ),
    )
    .map((rows) => Object.fromEntries(rows.map((r, i) => [leaves[i]!.code, r])));
}

describe('Decision 4203: the document scores every sheet as shared/scoring.ts does today', () => {
  for (const policy of ['rescale', 'full'] as const) {
    it(`under the ${policy} policy`, () => {
      const doc: FrameworkDocument = { ...decision4203Document(), notApplicablePolicy: policy };
      const fw = buildFramework({ ...structuredClone(thaiNguyen4203), notApplicablePolicy: policy });
      const set = doc.sets[0]!;
      const leaves = leavesOf(set.items);
      // Sheets where few rows are not applicable are the common case; also mark none or many.
      fc.assert(
        fc.property(sheetOver(leaves), (rows) => {
          const today = scoreSheet(fw, (code) => rows[code] as RowScore | undefined);
          const t = scoreDocumentSheet(doc, set, (code) => rows[code]);
          expect({
            points: t.main,
            applicableMax: t.applicableMax,
            index: t.index,
            class: t.class,
            scored: t.scored,
            applicable: t.applicable,
          }).toEqual({
            points: today.points,
            applicableMax: today.applicableMax,
            index: today.index,
            class: today.class,
            scored: today.scored,
            applicable: today.applicable,
          });
          // No bonus, no penalty, T = 100: points are the main points, the percent is the index.
          expect([t.points, t.mainIndex, t.percent, t.bonus, t.penalty]).toEqual([today.points, today.index, today.index, 0, 0]);
        }),
        { numRuns: 400 },
      );
    });
  }
});

/** A value r is a / b rounded half-up exactly when (2r − 1)·b ≤ 2a < (2r + 1)·b. */
function isHalfUp(r: number, a: bigint, b: bigint): boolean {
  const R = BigInt(r);
  return (2n * R - 1n) * b <= 2n * a && 2n * a < (2n * R + 1n) * b;
}

/** The main points of a tree by recursion (a group is what its children make), and the maxima not applicable. */
function sumTree(items: FrameworkDocNode[], rows: Record<string, LeafScore>): { points: bigint; naMax: bigint } {
  let points = 0n;
  let naMax = 0n;
  for (const n of items) {
    if (n.children.length > 0) {
      const sub = sumTree(n.children, rows);
      points += sub.points;
      naMax += sub.naMax;
    } else if (rows[n.code]?.notApplicable && n.notApplicableAllowed) naMax += BigInt(n.maxPoints);
    else points += BigInt(rows[n.code]?.score ?? 0);
  }
  return { points, naMax };
}

describe('random documents with bonus and penalty: exact in hundredths', () => {
  const withSheet = consistentDocument.chain((doc) =>
    sheetOver([...leavesOf(doc.sets[0]!.items), ...leavesOf(doc.bonus?.items ?? []), ...leavesOf(doc.penalty?.items ?? [])]).map(
      (rows) => ({ doc, rows }),
    ),
  );

  it('main, caps, mainIndex, index, points and percent as API.md states them', () => {
    fc.assert(
      fc.property(withSheet, ({ doc, rows }) => {
        const t = scoreDocumentSheet(doc, doc.sets[0]!, (code) => rows[code]);
        const T = BigInt(doc.total);
        const main = sumTree(doc.sets[0]!.items, rows);
        const full = doc.notApplicablePolicy === 'full';
        const expectedMain = full ? main.points + main.naMax : main.points;
        const applicableMax = full ? T : T - main.naMax;
        expect(BigInt(t.main)).toBe(expectedMain);
        expect(BigInt(t.applicableMax)).toBe(applicableMax);
        if (full) expect(BigInt(t.mainIndex)).toBe(expectedMain);
        else if (applicableMax === 0n) expect(t.mainIndex).toBe(0);
        else expect(isHalfUp(t.mainIndex, expectedMain * T, applicableMax)).toBe(true);

        // Bonus and penalty rows never take "not applicable": they count what they were given.
        const raw = (items: FrameworkDocNode[] | undefined) =>
          (items ?? []).length === 0
            ? 0n
            : sumTree(items!, Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, { score: v.score }]))).points;
        const bonusRaw = raw(doc.bonus?.items);
        const penaltyRaw = raw(doc.penalty?.items);
        const bonus = doc.bonus ? (bonusRaw < BigInt(doc.bonus.cap) ? bonusRaw : BigInt(doc.bonus.cap)) : 0n;
        const penalty = doc.penalty ? (penaltyRaw < BigInt(doc.penalty.cap) ? penaltyRaw : BigInt(doc.penalty.cap)) : 0n;
        expect([BigInt(t.bonusRaw), BigInt(t.bonus), BigInt(t.penaltyRaw), BigInt(t.penalty)]).toEqual([
          bonusRaw,
          bonus,
          penaltyRaw,
          penalty,
        ]);

        const within = (x: bigint) => (x < 0n ? 0n : x > T ? T : x);
        expect(BigInt(t.index)).toBe(within(BigInt(t.mainIndex) + bonus - penalty));
        expect(BigInt(t.points)).toBe(within(expectedMain + bonus - penalty));
        expect(isHalfUp(t.percent, BigInt(t.index) * 10000n, T)).toBe(true);
        expect(t.displayed).toBe(doc.display === 'percent' ? t.percent : t.index);
        // The class: the first band (highest first) the displayed figure reaches.
        const band = doc.classBands.find((b) => t.displayed >= b.minIndex) ?? doc.classBands[doc.classBands.length - 1]!;
        expect(t.class).toBe(band.class);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the sample draft 2026: caps and percent on figures from its own numbers', () => {
  const doc = sampleFramework2026();
  const set = doc.sets[0]!;
  const allMax = Object.fromEntries(leavesOf(set.items).map((l) => [l.code, { score: l.maxPoints }]));
  const bonusMax = Object.fromEntries(leavesOf(doc.bonus!.items).map((l) => [l.code, { score: l.maxPoints }]));
  const penaltyMax = Object.fromEntries(leavesOf(doc.penalty!.items).map((l) => [l.code, { score: l.maxPoints }]));
  const sumMax = (items: FrameworkDocNode[]) => leavesOf(items).reduce((s, l) => s + l.maxPoints, 0);

  it('a full main score with every bonus row stays at the total (the bonus counts at most its cap)', () => {
    const t = scoreDocumentSheet(doc, set, (c) => ({ ...allMax, ...bonusMax })[c]);
    expect(sumMax(doc.bonus!.items)).toBeGreaterThan(doc.bonus!.cap);
    expect(t.bonus).toBe(doc.bonus!.cap);
    expect(t.index).toBe(doc.total);
    expect(t.percent).toBe(100 * 100);
    expect(t.class).toBe(doc.classBands[0]!.class);
  });

  it('every penalty row takes off its cap, not more; the class follows the percent', () => {
    const t = scoreDocumentSheet(doc, set, (c) => ({ ...allMax, ...penaltyMax })[c]);
    expect(sumMax(doc.penalty!.items)).toBeGreaterThan(doc.penalty!.cap);
    expect(t.penalty).toBe(doc.penalty!.cap);
    expect(t.index).toBe(doc.total - doc.penalty!.cap);
    expect(t.percent).toBe(((doc.total - doc.penalty!.cap) * 10000) / doc.total);
    const band = doc.classBands.find((b) => t.percent >= b.minIndex)!;
    expect(t.class).toBe(band.class);
  });
});

describe('checkLeafScore: what each kind of leaf takes', () => {
  const leafArb = fc
    .record({
      kind: fc.constantFrom<LeafKind>('score', 'choice', 'yes-no', 'survey'),
      max: fc.integer({ min: 1, max: 1000 }),
      others: fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 4 }),
    })
    .map(({ kind, max, others }): FrameworkDocNode => {
      const node: FrameworkDocNode = {
        code: '9.9.9.z',
        title: 'Dòng thử',
        maxPoints: max,
        kind,
        notApplicableAllowed: false,
        children: [],
      };
      if (kind === 'choice')
        node.options = [
          { label: 'Cao nhất', points: max },
          ...others.filter((p) => p < max).map((p, i) => ({ label: `Phương án ${i + 2}`, points: p })),
        ];
      return node;
    });

  it('accepts a score exactly when the kind allows it, and names the row when it does not', () => {
    fc.assert(
      fc.property(
        leafArb,
        fc.oneof(fc.integer({ min: -200, max: 1200 }), fc.double({ min: -5, max: 1200, noNaN: true })),
        fc.constantFrom<ScoreSource>('self', 'appraisal', 'survey'),
        (node, score, source) => {
          const inRange = Number.isInteger(score) && score >= 0 && score <= node.maxPoints;
          const allowed =
            node.kind === 'survey'
              ? source === 'survey' && inRange
              : source !== 'survey' &&
                inRange &&
                (node.kind === 'score' ||
                  (node.kind === 'yes-no' && (score === 0 || score === node.maxPoints)) ||
                  (node.kind === 'choice' && node.options!.some((o) => o.points === score)));
          const error = checkLeafScore(node, score, source);
          expect(error === undefined).toBe(allowed);
          if (error) expect(error).toContain('Dòng 9.9.9.z');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a score on a group', () => {
    const [group] = decision4203Document().sets[0]!.items;
    for (const source of ['self', 'appraisal', 'survey'] as const)
      expect(checkLeafScore(group!, 0, source)).toMatch(new RegExp(`^Dòng ${group!.code} là nhóm`));
  });

  it('lists a choice row’s options in vi-VN numbers when the score matches none', () => {
    const row = [...walk(sampleFramework2026().sets[0]!.items)].find((n) => n.kind === 'choice' && n.maxPoints === 50)!;
    const error = checkLeafScore(row, 30, 'self')!;
    expect(error).toContain(`Dòng ${row.code}: điểm 0,3 không ứng với phương án nào`);
    for (const o of row.options!) expect(error).toContain(`${o.label}: ${String(o.points / 100).replace('.', ',')}`);
  });
});

describe("the product's one scorer (shared/scoring.ts on runtime.ts's tree) agrees with the contract's statement", () => {
  const withSheet = consistentDocument.chain((doc) =>
    sheetOver([...leavesOf(doc.sets[0]!.items), ...leavesOf(doc.bonus?.items ?? []), ...leavesOf(doc.penalty?.items ?? [])]).map(
      (rows) => ({ doc, rows }),
    ),
  );

  it('main, bonus, penalty (after their caps), index, points, percent, the displayed figure and the class, on random documents', () => {
    fc.assert(
      fc.property(withSheet, ({ doc, rows }) => {
        const want = scoreDocumentSheet(doc, doc.sets[0]!, (code) => rows[code]);
        // The document as a cycle reads it: stored as JSON text, read back, made into the tree.
        const fw = frameworkFromDocument(JSON.parse(JSON.stringify(doc)) as FrameworkDocument, doc.sets[0]!.unitKinds[0] ?? 'xa');
        const got = scoreSheet(fw, (code) => rows[code] as RowScore | undefined);
        expect({
          main: got.main,
          applicableMax: got.applicableMax,
          mainIndex: got.mainIndex,
          bonus: got.bonus,
          penalty: got.penalty,
          index: got.index,
          points: got.points,
          percent: got.percent,
          displayed: got.displayed,
          class: got.class,
        }).toEqual({
          main: want.main,
          applicableMax: want.applicableMax,
          mainIndex: want.mainIndex,
          bonus: want.bonus,
          penalty: want.penalty,
          index: want.index,
          points: want.points,
          percent: want.percent,
          displayed: want.displayed,
          class: want.class,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('the sample: bonus and penalty rows and the survey row never count as rows the unit still has to score', () => {
    const doc = sampleFramework2026();
    const fw = frameworkFromDocument(doc);
    const t = scoreSheet(fw, () => undefined);
    expect(t.missing).not.toContain('4.2.5');
    expect(t.missing.some((c) => c.startsWith('T.') || c.startsWith('P.'))).toBe(false);
    expect(t.applicable).toBe(fw.leaves.length - 4 - 1);
    expect(fw.areas.map((a) => a.code).slice(-2)).toEqual(['T', 'P']);
  });

  it("the heat map's achievement is over the main areas only: a penalty incurred is no achievement", () => {
    const fw = frameworkFromDocument(sampleFramework2026());
    const sheet = scoreSheetOf(
      fw,
      fw.leaves.map((l) => l.max),
      fw.leaves.map(() => 0),
    );
    const tally = emptyTally(fw);
    tallySheet(fw, sheet, tally);
    const byArea = areaAchievementOf(fw, tally);
    expect(Object.keys(byArea)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
    expect(Object.values(byArea).every((x) => x === 10000)).toBe(true);
    // Every row at its maximum: main 100, bonus capped at 3, penalty capped at 5 → 98 (clamped to 0..100).
    expect([sheet.main, sheet.bonus, sheet.penalty, sheet.index, sheet.percent]).toEqual([10000, 300, 500, 9800, 9800]);
  });
});
