/**
 * Random CONSISTENT framework documents for the property tests of shared/frameworks/: built so that every
 * rule of validateFramework holds by construction (a group's maximum is summed from its children, the
 * total from the areas, codes are written from the place in the tree, a choice's highest option is its
 * maximum, bands descend to 0 within the display scale). They go beyond Decision 4203 on purpose: maxima
 * that are not quarter points, four levels (`1.1.1.a`), up to 14 areas, choice/yes-no/survey leaves,
 * bonus and penalty groups, either policy, either display.
 */
import fc from 'fast-check';
import { walk, type FrameworkDocNode, type FrameworkDocument, type LeafKind } from '../../shared/frameworks/document.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV'];
const LETTERS = 'abcdefgh';

/** The shape of a tree without its codes: a leaf spec or a list of children. */
type Shape = { leaf: LeafSpec } | { children: Shape[] };
interface LeafSpec {
  kind: LeafKind;
  max: number;
  /** For a choice: the other options' points as fractions of the maximum (0..1). */
  others: number[];
  na: boolean;
}

const leafSpec: fc.Arbitrary<LeafSpec> = fc.record({
  kind: fc.constantFrom<LeafKind>('score', 'score', 'choice', 'yes-no', 'survey'),
  max: fc.integer({ min: 1, max: 500 }),
  others: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  na: fc.boolean(),
});

const { shape } = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: leafSpec }),
    fc.record({ children: fc.array(tie('shape'), { minLength: 1, maxLength: 3 }) }),
  ),
}));

/** A child's code under `parent` at `depth` (areas are depth 0): `1.1`, `1.1.1`, then letters. */
function childCode(parent: string, areaNumber: number, depth: number, i: number): string {
  if (depth === 0) return `${areaNumber}.${i + 1}`;
  return depth >= 2 ? `${parent}.${LETTERS[i]}` : `${parent}.${i + 1}`;
}

/** Leaves deeper than four levels become leaves there: the shapes are cut, not rejected. */
function build(s: Shape, code: string, areaNumber: number, depth: number): FrameworkDocNode {
  if ('children' in s && depth < 3) {
    const children = s.children.map((c, i) => build(c, childCode(code, areaNumber, depth, i), areaNumber, depth + 1));
    return {
      code,
      title: `Nhóm ${code}`,
      maxPoints: children.reduce((t, c) => t + c.maxPoints, 0),
      kind: 'group',
      notApplicableAllowed: false,
      children,
    };
  }
  const spec: LeafSpec = 'leaf' in s ? s.leaf : { kind: 'score', max: 25, others: [0], na: false };
  const node: FrameworkDocNode = {
    code,
    title: `Tiêu chí ${code}`,
    maxPoints: spec.max,
    kind: spec.kind,
    notApplicableAllowed: spec.na,
    children: [],
  };
  if (spec.kind === 'choice')
    node.options = [
      { label: 'Đạt đủ', points: spec.max },
      ...spec.others.map((f, i) => ({ label: `Phương án ${i + 2}`, points: Math.floor(f * spec.max) })),
    ];
  return node;
}

function group(prefix: string, shapes: Shape[]): FrameworkDocNode[] {
  return shapes.map((s, i) => {
    const code = `${prefix}.${i + 1}`;
    // Under `T.1` the children are `T.1.1`…: plain dotted codes, like any code past the second level.
    return build(s, code, 0, 1);
  });
}

export const consistentDocument: fc.Arbitrary<FrameworkDocument> = fc
  .record({
    areas: fc.array(fc.array(shape, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 14 }),
    bonus: fc.option(
      fc.record({ cap: fc.integer({ min: 0, max: 1000 }), items: fc.array(shape, { minLength: 1, maxLength: 3 }) }),
    ),
    penalty: fc.option(
      fc.record({ cap: fc.integer({ min: 0, max: 1000 }), items: fc.array(shape, { minLength: 1, maxLength: 3 }) }),
    ),
    display: fc.constantFrom<'points' | 'percent'>('points', 'percent'),
    policy: fc.constantFrom<'rescale' | 'full'>('rescale', 'full'),
    bandFractions: fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }), { maxLength: 4 }),
  })
  .map(({ areas, bonus, penalty, display, policy, bandFractions }) => {
    const items = areas.map((children, a) => {
      const code = ROMAN[a]!;
      const kids = children.map((c, i) => build(c, childCode(code, a + 1, 0, i), a + 1, 1));
      return {
        code,
        title: `Lĩnh vực ${code}`,
        maxPoints: kids.reduce((t, c) => t + c.maxPoints, 0),
        kind: 'group' as const,
        notApplicableAllowed: false,
        children: kids,
      };
    });
    const total = items.reduce((t, a) => t + a.maxPoints, 0);
    const scale = display === 'percent' ? 10000 : total;
    const thresholds = [...new Set([...bandFractions.map((f) => Math.floor(f * scale)), 0])].sort((x, y) => y - x);
    const doc: FrameworkDocument = {
      id: 'ngau-nhien',
      title: 'Bộ tiêu chí ngẫu nhiên',
      years: [2026],
      status: 'draft',
      version: 1,
      display,
      classBands: thresholds.map((minIndex, i) => ({ class: `hang-${i + 1}`, label: `Hạng ${i + 1}`, minIndex })),
      notApplicablePolicy: policy,
      total,
      sets: [{ id: 'chung', title: 'Tiêu chí chung', unitKinds: ['xa', 'phuong'], items }],
    };
    if (bonus) doc.bonus = { cap: bonus.cap, items: group('T', bonus.items) };
    if (penalty) doc.penalty = { cap: penalty.cap, items: group('P', penalty.items) };
    return doc;
  });

/** Text a cell keeps as typed: no surrounding blanks, no line breaks (options and titles per kind are one per line). */
const cellText = fc
  .string({
    minLength: 1,
    maxLength: 20,
    unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ ,.;:()-0123456789'.split('')),
  })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

/** Consistent documents with the optional fields filled at random. */
export const richDocument = consistentDocument.chain((doc) => {
  const nodes = [...walk(doc.sets[0]!.items), ...walk(doc.bonus?.items ?? []), ...walk(doc.penalty?.items ?? [])];
  return fc
    .record({
      extras: fc.tuple(
        ...nodes.map(() =>
          fc.record({
            title: cellText,
            guidance: fc.option(cellText, { nil: undefined }),
            evidence: fc.option(fc.boolean(), { nil: undefined }),
            byKind: fc.option(fc.record({ xa: cellText, phuong: cellText }), { nil: undefined }),
            labels: fc.array(cellText, { minLength: 5, maxLength: 5 }),
          }),
        ),
      ),
      decision: fc.option(fc.record({ number: cellText, date: fc.constant('2025-12-31'), signer: cellText }), { nil: undefined }),
      basedOn: fc.option(fc.constantFrom('thai-nguyen-4203-2021', 'mau-2026'), { nil: undefined }),
      years: fc.array(fc.integer({ min: 2020, max: 2035 }), { maxLength: 3 }),
      title: cellText,
    })
    .map(({ extras, decision, basedOn, years, title }) => {
      const d = structuredClone(doc);
      const clones = [...walk(d.sets[0]!.items), ...walk(d.bonus?.items ?? []), ...walk(d.penalty?.items ?? [])];
      clones.forEach((n: FrameworkDocNode, i) => {
        const e = extras[i]!;
        n.title = e.title;
        if (e.guidance !== undefined) n.guidance = e.guidance;
        if (e.evidence !== undefined) n.evidenceRequired = e.evidence;
        if (e.byKind) n.titleByUnitKind = e.byKind;
        n.options?.forEach((o, k) => (o.label = e.labels[k % 5]!));
      });
      d.title = title;
      d.years = years;
      if (decision) d.decision = decision;
      if (basedOn) d.basedOn = basedOn;
      return d;
    });
});
