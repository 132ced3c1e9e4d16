/**
 * validateFramework (shared/frameworks/validate.ts): random consistent documents are accepted with no
 * problem; each one known corruption of such a document is named, at its row, in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { walk, type FrameworkDocNode, type FrameworkDocument } from '../../shared/frameworks/document.js';
import { parentCodeOf, parseFrameworkDocument, validateFramework } from '../../shared/frameworks/validate.js';
import { consistentDocument } from '../support/framework-docs.js';

interface Corruption {
  name: string;
  /** Changes the (cloned) document; returns what must be named. */
  apply: (doc: FrameworkDocument) => { code?: string; fragment: string };
}

const mainNodes = (doc: FrameworkDocument) => [...walk(doc.sets[0]!.items)];
const allNodes = (doc: FrameworkDocument) => [
  ...mainNodes(doc),
  ...walk(doc.bonus?.items ?? []),
  ...walk(doc.penalty?.items ?? []),
];

/** Corruptions that apply to `doc`, each choosing its target with `pick`. */
function corruptionsFor(doc: FrameworkDocument, pick: number): Corruption[] {
  const choose = <T>(list: T[]) => list[pick % list.length]!;
  const nodes = allNodes(doc);
  const groups = nodes.filter((n) => n.children.length > 0);
  const leaves = nodes.filter((n) => n.children.length === 0);
  const choices = leaves.filter((n) => n.kind === 'choice');
  const nonChoices = leaves.filter((n) => n.kind !== 'choice');
  const find = (d: FrameworkDocument, code: string) => allNodes(d).find((n) => n.code === code)!;
  const out: Corruption[] = [
    {
      name: 'a group whose maximum is not the sum of its children',
      apply: (d) => {
        const g = find(d, choose(groups).code);
        g.maxPoints += 1 + (pick % 7);
        return { code: g.code, fragment: 'khác tổng điểm tối đa các dòng con' };
      },
    },
    {
      name: 'areas not summing to the total',
      apply: (d) => {
        d.total += 1 + (pick % 5);
        return { fragment: 'tổng điểm các lĩnh vực' };
      },
    },
    {
      name: 'a leaf with a negative maximum',
      apply: (d) => {
        const n = find(d, choose(leaves).code);
        n.maxPoints = -1 - (pick % 50);
        return { code: n.code, fragment: 'không được âm' };
      },
    },
    {
      name: 'a group without children',
      apply: (d) => {
        const n = find(d, choose(leaves).code);
        n.kind = 'group';
        delete n.options;
        return { code: n.code, fragment: 'là nhóm nhưng không có dòng con' };
      },
    },
    {
      name: 'a node with children that is not a group',
      apply: (d) => {
        const n = find(d, choose(groups).code);
        n.kind = 'score';
        return { code: n.code, fragment: 'có dòng con nên phải là nhóm' };
      },
    },
    {
      name: 'options on a leaf that is not a choice',
      apply: (d) => {
        const n = find(d, choose(nonChoices.length ? nonChoices : leaves).code);
        n.kind = n.kind === 'choice' ? 'score' : n.kind;
        n.options = [{ label: 'Thừa', points: 0 }];
        return { code: n.code, fragment: 'nên không có phương án lựa chọn' };
      },
    },
    {
      name: 'an empty title',
      apply: (d) => {
        const n = find(d, choose(nodes).code);
        n.title = '  ';
        return { code: n.code, fragment: 'thiếu tên' };
      },
    },
    {
      name: 'a code that names another parent than its place',
      apply: (d) => {
        const n = find(d, choose(mainNodes(d).filter((x) => parentCodeOf(x.code) !== undefined)).code);
        // A first number beyond every area: its parent (XCIX or 99.x) exists nowhere.
        n.code = ['99', ...n.code.split('.').slice(1)].join('.');
        return { code: n.code, fragment: 'theo mã phải thuộc dòng' };
      },
    },
    {
      name: 'an area whose code reads as a row under another',
      apply: (d) => {
        const areas = d.sets[0]!.items;
        const n = areas[pick % areas.length]!;
        n.code = `${n.code}.${1 + (pick % 9)}`;
        return { code: n.code, fragment: 'đứng ở cấp cao nhất, nhưng theo mã phải thuộc dòng' };
      },
    },
    {
      name: 'a duplicated code',
      apply: (d) => {
        // Every document has an area with a child: at least two rows.
        const a = choose(nodes).code;
        const others = nodes.filter((n) => n.code !== a);
        const b = find(d, others[(pick >> 3) % others.length]!.code);
        b.code = a;
        return { code: a, fragment: 'bị trùng' };
      },
    },
    {
      name: 'class bands not descending',
      apply: (d) => {
        d.classBands.unshift({ class: 'moi', label: 'Mới', minIndex: 0 });
        return { fragment: 'giảm dần' };
      },
    },
    {
      name: 'a class band beyond the display scale',
      apply: (d) => {
        const scale = d.display === 'percent' ? 10000 : d.total;
        d.classBands[0]!.minIndex = scale + 1 + (pick % 100);
        return { fragment: 'nằm ngoài thang điểm công bố' };
      },
    },
    {
      name: 'a lowest band above 0',
      apply: (d) => {
        d.classBands[d.classBands.length - 1]!.minIndex = 1;
        return { fragment: 'phải có ngưỡng 0' };
      },
    },
  ];
  if (choices.length > 0) {
    out.push(
      {
        name: 'a choice with one option',
        apply: (d) => {
          const n = find(d, choose(choices).code);
          n.options = [{ label: 'Duy nhất', points: n.maxPoints }];
          return { code: n.code, fragment: 'cần ít nhất 2 phương án' };
        },
      },
      {
        name: 'a choice whose highest option is below the maximum',
        apply: (d) => {
          const n = find(d, choose(choices).code);
          n.options = n.options!.map((o) => ({ ...o, points: Math.min(o.points, n.maxPoints - 1) }));
          return { code: n.code, fragment: 'phương án cao nhất' };
        },
      },
      {
        name: 'an option above the maximum',
        apply: (d) => {
          const n = find(d, choose(choices).code);
          n.options!.push({ label: 'Vượt', points: n.maxPoints + 1 + (pick % 10) });
          return { code: n.code, fragment: 'phải từ 0 đến' };
        },
      },
    );
  }
  if (doc.bonus || doc.penalty) {
    out.push({
      name: 'a negative cap',
      apply: (d) => {
        const g = d.bonus ?? d.penalty!;
        g.cap = -1 - (pick % 100);
        return { fragment: d.bonus ? 'Nhóm điểm thưởng' : 'Nhóm điểm trừ' };
      },
    });
  }
  return out;
}

describe('validateFramework over random trees', () => {
  it('accepts every consistent document with no problem, and its shape parses', () => {
    fc.assert(
      fc.property(consistentDocument, (doc) => {
        expect(validateFramework(doc)).toEqual([]);
        expect(parseFrameworkDocument(doc).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('names the one corruption applied to a consistent document, at its row', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(consistentDocument, fc.nat(), fc.nat(), (doc, which, pick) => {
        const options = corruptionsFor(doc, pick);
        const corruption = options[which % options.length]!;
        seen.add(corruption.name);
        const bad = structuredClone(doc);
        const expected = corruption.apply(bad);
        const problems = validateFramework(bad);
        const named = problems.some(
          (p) => (expected.code === undefined || p.code === expected.code) && p.message.includes(expected.fragment),
        );
        if (!named) throw new Error(`${corruption.name}: ${JSON.stringify(expected)} not in ${JSON.stringify(problems)}`);
      }),
      { numRuns: 600 },
    );
    // Every kind of corruption was tried at least once (else the property above proves less than it says).
    expect(seen.size).toBe(17);
  });

  it('reports every problem at once, not only the first', () => {
    fc.assert(
      fc.property(consistentDocument, (doc) => {
        const bad = structuredClone(doc);
        const areas = bad.sets[0]!.items;
        areas[0]!.title = '';
        bad.total += 1;
        const problems = validateFramework(bad);
        expect(problems.some((p) => p.code === areas[0]!.code && p.message.includes('thiếu tên'))).toBe(true);
        expect(problems.some((p) => p.message.includes('tổng điểm các lĩnh vực'))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('validateFramework: the rules of any framework, not those of 4203', () => {
  const leaf = (code: string, maxPoints: number, extra: Partial<FrameworkDocNode> = {}): FrameworkDocNode => ({
    code,
    title: `Tiêu chí ${code}`,
    maxPoints,
    kind: 'score',
    notApplicableAllowed: false,
    children: [],
    ...extra,
  });
  const area = (code: string, children: FrameworkDocNode[]): FrameworkDocNode => ({
    code,
    title: `Lĩnh vực ${code}`,
    maxPoints: children.reduce((s, c) => s + c.maxPoints, 0),
    kind: 'group',
    notApplicableAllowed: false,
    children,
  });
  const doc = (sets: FrameworkDocument['sets'], extra: Partial<FrameworkDocument> = {}): FrameworkDocument => ({
    id: 'thu',
    title: 'Thử',
    years: [2026],
    status: 'draft',
    version: 1,
    display: 'points',
    classBands: [{ class: 'dat', label: 'Đạt', minIndex: 0 }],
    notApplicablePolicy: 'rescale',
    total: sets[0]!.items.reduce((s, a) => s + a.maxPoints, 0),
    sets,
    ...extra,
  });

  it('accepts maxima that are not quarter points (0,3), a fourth level and a thirteenth area', () => {
    const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII'];
    const areas = romans.map((code, i) => area(code, [leaf(`${i + 1}.1`, 30)]));
    const level3 = area('1.2.1', [leaf('1.2.1.a', 17), leaf('1.2.1.b', 3)]);
    areas[0] = area('I', [leaf('1.1', 30), area('1.2', [level3])]);
    expect(validateFramework(doc([{ id: 'chung', title: 'Chung', unitKinds: ['xa'], items: areas }]))).toEqual([]);
  });

  it('lets two sets (xã and department) reuse a code, but not the bonus rows', () => {
    const set = (id: string, kinds: FrameworkDocument['sets'][number]['unitKinds']) => ({
      id,
      title: id,
      unitKinds: kinds,
      items: [area('I', [leaf('1.1', 100)])],
    });
    const two = doc([set('xa', ['xa', 'phuong']), set('so', ['department'])]);
    expect(validateFramework(two)).toEqual([]);
    const clash = { ...two, bonus: { cap: 100, items: [leaf('1.1', 100)] } };
    const problems = validateFramework(clash);
    expect(problems.some((p) => p.code === '1.1' && p.message.includes('bị trùng'))).toBe(true);
    // …and it sits at the top of the bonus group while its code reads as under area I.
    expect(problems.some((p) => p.code === '1.1' && p.message.includes('theo mã phải thuộc dòng I'))).toBe(true);
  });

  it('names a unit kind that two sets both claim', () => {
    const set = (id: string) => ({ id, title: id, unitKinds: ['xa' as const], items: [area('I', [leaf('1.1', 100)])] });
    const problems = validateFramework(doc([set('a'), set('b')]));
    expect(problems.map((p) => p.message)).toContain('Loại đơn vị "xã" thuộc hai tập tiêu chí ("a" và "b")');
  });

  it('refuses a scored row worth more than a summary holds (12,95 points), and accepts 12,95 exactly', () => {
    const of = (max: number) =>
      validateFramework(doc([{ id: 'chung', title: 'Chung', unitKinds: ['xa'], items: [area('I', [leaf('1.1', max)])] }]));
    expect(
      of(1296)
        .filter((p) => p.code === '1.1')
        .map((p) => p.message),
    ).toEqual(['Dòng 1.1: điểm tối đa (12,96) vượt mức một dòng chấm điểm được lưu (12,95): hãy chia thành các dòng con']);
    expect(of(1295).filter((p) => p.code === '1.1')).toEqual([]);
  });

  it('refuses a set id with "~" or ":" (the compact summaries name a set with them)', () => {
    for (const id of ['phuong~2', 'a:b'])
      expect(
        validateFramework(doc([{ id, title: 'Chung', unitKinds: ['xa'], items: [area('I', [leaf('1.1', 25)])] }])).map(
          (p) => p.message,
        ),
      ).toEqual([`Mã tập tiêu chí "${id}" không được chứa dấu "~" hay ":"`]);
  });

  it('writes numbers the Vietnamese way in its messages (0,25)', () => {
    const d = doc([{ id: 'chung', title: 'Chung', unitKinds: ['xa'], items: [area('I', [leaf('1.1', 25)])] }]);
    d.sets[0]!.items[0]!.maxPoints = 50;
    expect(validateFramework(d).find((p) => p.code === 'I')?.message).toContain(
      '(0,5) khác tổng điểm tối đa các dòng con (0,25)',
    );
  });
});
