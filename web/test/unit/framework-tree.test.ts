/**
 * The framework editor's tree operations (issue 22 item 3): add, move, indent, outdent, delete, the
 * sums under every parent, and undo. Each operation is checked on a small tree written out by hand and
 * must leave its input unchanged (undo keeps the value before).
 */
import { describe, expect, it } from 'vitest';
import type { FrameworkDefinitionWire, WireNode } from '$shared/frameworks/wire';
import {
  addChild,
  addSibling,
  addTopRow,
  childSum,
  findCode,
  flatten,
  indent,
  move,
  nextCode,
  nodeAt,
  outdent,
  record,
  remove,
  sumMismatch,
  topSum,
  treeItems,
  undo,
  updateRow,
  type History,
} from '../../src/lib/framework-tree';

const row = (code: string, maxPoints: number, children: WireNode[] = []): WireNode => ({
  code,
  title: `Dòng ${code}`,
  maxPoints,
  kind: children.length ? 'group' : 'score',
  notApplicableAllowed: false,
  children,
});

function sample(): FrameworkDefinitionWire {
  return {
    title: 'Thử',
    years: [2027],
    display: 'points',
    classBands: [{ class: 'tot', label: 'Tốt', minIndex: 80 }],
    notApplicablePolicy: 'rescale',
    totalPoints: 10,
    sets: [
      {
        id: 'chung',
        title: 'Chung',
        unitKinds: ['xa', 'phuong'],
        items: [row('1', 4, [row('1.1', 1.5), row('1.2', 2.5)]), row('2', 6, [row('2.1', 0.1), row('2.2', 0.2)])],
      },
    ],
  };
}
const codes = (def: FrameworkDefinitionWire) =>
  flatten(treeItems(def, 'set:0')!, 'set:0').map((r) => `${r.depth}:${r.node.code}`);

describe('adding rows', () => {
  it('adds a child at the end of a row, numbered after its last child; a leaf becomes a group', () => {
    const def = sample();
    const before = JSON.stringify(def);
    const c = addChild(def, { tree: 'set:0', path: [0] });
    expect(codes(c.def)).toEqual(['0:1', '1:1.1', '1:1.2', '1:1.3', '0:2', '1:2.1', '1:2.2']);
    expect(c.focus).toEqual({ tree: 'set:0', path: [0, 2] });
    expect(JSON.stringify(def)).toBe(before);

    const choice = updateRow(def, { tree: 'set:0', path: [0, 0] }, { kind: 'choice' }).def;
    const leafToGroup = addChild(choice, { tree: 'set:0', path: [0, 0] });
    const grown = nodeAt(leafToGroup.def, { tree: 'set:0', path: [0, 0] })!;
    expect(grown.kind).toBe('group');
    expect(grown.options).toBeUndefined();
    expect(grown.children.map((n) => n.code)).toEqual(['1.1.1']);
  });

  it('adds a sibling right after the row, with the next code', () => {
    const c = addSibling(sample(), { tree: 'set:0', path: [0, 0] });
    expect(codes(c.def)).toEqual(['0:1', '1:1.1', '1:1.2', '1:1.2', '0:2', '1:2.1', '1:2.2']);
    expect(c.focus.path).toEqual([0, 1]);
    expect(nodeAt(c.def, c.focus)!.title).toBe('');
  });

  it('creates the bonus group with its first row', () => {
    const c = addTopRow(sample(), 'bonus');
    expect(c.def.bonus).toEqual({ cap: 0, items: [expect.objectContaining({ code: 'T.1', kind: 'score' })] });
    const c2 = addTopRow(c.def, 'bonus');
    expect(c2.def.bonus!.items.map((n) => n.code)).toEqual(['T.1', 'T.2']);
    expect(addTopRow(sample(), 'penalty').def.penalty!.items[0]!.code).toBe('P.1');
  });

  it('numbers the next code the way the decision writes it', () => {
    expect(nextCode('1.9')).toBe('1.10');
    expect(nextCode('III')).toBe('IV');
    expect(nextCode('1.1.1.a')).toBe('1.1.1.b');
    expect(nextCode('T.1')).toBe('T.2');
    expect(nextCode('X.Y?')).toBe('');
  });
});

describe('moving rows', () => {
  it('moves a row down and up among its siblings, not past either end', () => {
    const down = move(sample(), { tree: 'set:0', path: [0] }, 1);
    expect(codes(down.def)).toEqual(['0:2', '1:2.1', '1:2.2', '0:1', '1:1.1', '1:1.2']);
    expect(down.focus.path).toEqual([1]);
    const back = move(down.def, down.focus, -1);
    expect(codes(back.def)).toEqual(codes(sample()));
    const stuck = move(sample(), { tree: 'set:0', path: [0, 0] }, -1);
    expect(codes(stuck.def)).toEqual(codes(sample()));
    expect(stuck.focus.path).toEqual([0, 0]);
  });

  it('indents a row under the row before it, and outdents it back after its parent', () => {
    const ind = indent(sample(), { tree: 'set:0', path: [0, 1] });
    expect(codes(ind.def)).toEqual(['0:1', '1:1.1', '2:1.2', '0:2', '1:2.1', '1:2.2']);
    expect(ind.focus.path).toEqual([0, 0, 0]);
    expect(nodeAt(ind.def, { tree: 'set:0', path: [0, 0] })!.kind).toBe('group');
    const out = outdent(ind.def, ind.focus);
    expect(codes(out.def)).toEqual(codes(sample()));
    expect(out.focus.path).toEqual([0, 1]);
    // 1.1 had no other row: it is scored by points again.
    expect(nodeAt(out.def, { tree: 'set:0', path: [0, 0] })!.kind).toBe('score');
  });

  it('refuses to indent a first row or outdent a top row', () => {
    expect(codes(indent(sample(), { tree: 'set:0', path: [0, 0] }).def)).toEqual(codes(sample()));
    expect(codes(outdent(sample(), { tree: 'set:0', path: [1] }).def)).toEqual(codes(sample()));
  });
});

describe('deleting rows', () => {
  it('deletes a row with its rows; the focus goes to the row now in its place or the one before', () => {
    const a = remove(sample(), { tree: 'set:0', path: [0] });
    expect(codes(a.def)).toEqual(['0:2', '1:2.1', '1:2.2']);
    expect(a.focus.path).toEqual([0]);
    const b = remove(sample(), { tree: 'set:0', path: [1, 1] });
    expect(b.focus.path).toEqual([1, 0]);
    const c = remove(b.def, { tree: 'set:0', path: [1, 0] });
    expect(c.focus.path).toEqual([1]);
    expect(nodeAt(c.def, { tree: 'set:0', path: [1] })!.kind).toBe('score');
  });
});

describe('editing a row', () => {
  it('a choice row gets two options; another kind drops them', () => {
    const c = updateRow(sample(), { tree: 'set:0', path: [0, 1] }, { kind: 'choice' });
    expect(nodeAt(c.def, c.focus)!.options).toEqual([
      { label: 'Đạt', points: 2.5 },
      { label: 'Không đạt', points: 0 },
    ]);
    const d = updateRow(c.def, c.focus, { kind: 'yes-no' });
    expect(nodeAt(d.def, d.focus)!.options).toBeUndefined();
  });
});

describe('sums', () => {
  it('sums in hundredths and shows a mismatch only where the rows do not add up', () => {
    const def = sample();
    const [one, two] = def.sets[0]!.items as [WireNode, WireNode];
    expect(childSum(one)).toBe(400);
    expect(sumMismatch(one)).toBe(false);
    // 0,1 + 0,2 = 0,3 exactly, not 0,30000000000000004; the maximum says 6.
    expect(childSum(two)).toBe(30);
    expect(sumMismatch(two)).toBe(true);
    expect(sumMismatch(one.children[0]!)).toBe(false);
    expect(topSum(def.sets[0]!.items)).toBe(1000);
    const edited = updateRow(def, { tree: 'set:0', path: [0, 0] }, { maxPoints: 1.75 }).def;
    expect(sumMismatch(nodeAt(edited, { tree: 'set:0', path: [0] })!)).toBe(true);
    expect(topSum(edited.sets[0]!.items)).toBe(1000);
  });

  it('finds a row by its code in any tree', () => {
    const def = addTopRow(sample(), 'penalty').def;
    expect(findCode(def, '2.2')).toEqual({ tree: 'set:0', path: [1, 1] });
    expect(findCode(def, 'P.1')).toEqual({ tree: 'penalty', path: [0] });
    expect(findCode(def, '9')).toBeUndefined();
  });
});

describe('undo', () => {
  it('takes back the last change, then the one before', () => {
    let h: History<FrameworkDefinitionWire> = { past: [] };
    const v0 = sample();
    const v1 = move(v0, { tree: 'set:0', path: [0] }, 1).def;
    h = record(h, v0);
    const v2 = remove(v1, { tree: 'set:0', path: [0] }).def;
    h = record(h, v1);
    const u1 = undo(h)!;
    expect(codes(u1.value)).toEqual(codes(v1));
    const u2 = undo(u1.history)!;
    expect(codes(u2.value)).toEqual(codes(v0));
    expect(undo(u2.history)).toBeUndefined();
    expect(codes(v2)).toEqual(['0:1', '1:1.1', '1:1.2']);
  });

  it('joins the keystrokes of one field into one change', () => {
    let h: History<string> = { past: [] };
    h = record(h, 'a', 'title:1.1');
    h = record(h, 'ab', 'title:1.1');
    h = record(h, 'abc', 'title:1.2');
    expect(h.past).toEqual(['a', 'abc']);
    const u = undo(h)!;
    expect(u.value).toBe('abc');
    // After an undo the next keystroke in the same field is a new change.
    expect(record(u.history, 'x', 'title:1.2').past).toEqual(['a', 'x']);
  });
});
