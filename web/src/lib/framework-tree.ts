/**
 * The framework editor's tree operations, pure: each takes the definition (the wire form a PUT sends,
 * in points) and answers a new one, never changing its input, so that undo is keeping the previous
 * value. A row is named by its place: the tree it is in (`set:0`, `bonus`, `penalty`) and its path of
 * indices from that tree's top. Sums are in hundredths (shared/points.ts), so 0,1 + 0,2 is 0,3.
 */
import type { FrameworkDefinitionWire, WireNode } from '$shared/frameworks/wire';
import { toHundredths } from '$shared/points';
import type { Hundredths } from '$shared/points';

export type TreeKey = `set:${number}` | 'bonus' | 'penalty';
export interface RowPlace {
  tree: TreeKey;
  path: number[];
}

export const placeId = (p: RowPlace) => `${p.tree.replace(':', '')}-${p.path.join('-')}`;
export const samePlace = (a: RowPlace, b: RowPlace) => a.tree === b.tree && a.path.join('.') === b.path.join('.');

/** The rows of a tree (undefined: no such tree, e.g. no bonus group). */
export function treeItems(def: FrameworkDefinitionWire, tree: TreeKey): WireNode[] | undefined {
  if (tree === 'bonus') return def.bonus?.items;
  if (tree === 'penalty') return def.penalty?.items;
  return def.sets[Number(tree.slice(4))]?.items;
}

function withTree(def: FrameworkDefinitionWire, tree: TreeKey, items: WireNode[]): FrameworkDefinitionWire {
  if (tree === 'bonus') return { ...def, bonus: { cap: def.bonus?.cap ?? 0, items } };
  if (tree === 'penalty') return { ...def, penalty: { cap: def.penalty?.cap ?? 0, items } };
  const i = Number(tree.slice(4));
  return { ...def, sets: def.sets.map((s, j) => (j === i ? { ...s, items } : s)) };
}

export function nodeAt(def: FrameworkDefinitionWire, place: RowPlace): WireNode | undefined {
  let list = treeItems(def, place.tree);
  let node: WireNode | undefined;
  for (const i of place.path) {
    node = list?.[i];
    list = node?.children;
  }
  return place.path.length ? node : undefined;
}

/** `items` with the list at `parentPath` replaced by `fn(list)` (copies only along the path). */
function editList(items: WireNode[], parentPath: number[], fn: (list: WireNode[]) => WireNode[]): WireNode[] {
  if (!parentPath.length) return fn(items);
  const [i, ...rest] = parentPath as [number, ...number[]];
  return items.map((n, j) => (j === i ? { ...n, children: editList(n.children, rest, fn) } : n));
}

function editTree(
  def: FrameworkDefinitionWire,
  tree: TreeKey,
  parentPath: number[],
  fn: (list: WireNode[]) => WireNode[],
): FrameworkDefinitionWire {
  const items = treeItems(def, tree);
  if (!items) return def;
  return withTree(def, tree, editList(items, parentPath, fn));
}

const parentOf = (path: number[]) => path.slice(0, -1);
const lastOf = (path: number[]) => path[path.length - 1] ?? 0;

/** A new empty row. */
export const blankRow = (code: string): WireNode => ({
  code,
  title: '',
  maxPoints: 0,
  kind: 'score',
  notApplicableAllowed: false,
  children: [],
});

/** The code after `code` at the same level: `1.2` → `1.3`, `T.1` → `T.2`, `III` → `IV`; otherwise empty. */
export function nextCode(code: string): string {
  const parts = code.split('.');
  const last = parts.pop() ?? '';
  let next: string | undefined;
  if (/^\d+$/.test(last)) next = String(Number(last) + 1);
  else if (/^[ivxlc]+$/i.test(last) && fromRoman(last) > 0) next = toRoman(fromRoman(last) + 1);
  else if (/^[a-y]$/.test(last)) next = String.fromCharCode(last.charCodeAt(0) + 1);
  return next === undefined ? '' : [...parts, next].join('.');
}

const ROMAN: [number, string][] = [
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
function toRoman(n: number): string {
  let s = '';
  for (const [v, r] of ROMAN)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}
function fromRoman(s: string): number {
  const t = s.toUpperCase();
  const n = [...t].reduce((acc, c, i) => {
    const v = { I: 1, V: 5, X: 10, L: 50, C: 100 }[c] ?? NaN;
    const nxt = { I: 1, V: 5, X: 10, L: 50, C: 100 }[t[i + 1] ?? ''] ?? 0;
    return acc + (v < nxt ? -v : v);
  }, 0);
  return toRoman(n) === t ? n : 0;
}

/** The code of a new child of `parent`: after its last child's, or `parent.code` + `.1`. Areas of the main tree are numbered 1, 2… */
function childCode(parentCode: string | undefined, siblings: WireNode[], tree: TreeKey): string {
  const last = siblings[siblings.length - 1];
  if (last) return nextCode(last.code) || '';
  if (parentCode) return `${parentCode}.1`;
  return tree === 'bonus' ? 'T.1' : tree === 'penalty' ? 'P.1' : '1';
}

/** Result of an operation: the new definition and the row that should have the focus. */
export interface Change {
  def: FrameworkDefinitionWire;
  focus: RowPlace;
}

/** A row appended at the top level of `tree` (the group is created when it is missing). */
export function addTopRow(def: FrameworkDefinitionWire, tree: TreeKey): Change {
  const items = treeItems(def, tree) ?? [];
  const next = withTree(def, tree, [...items, blankRow(childCode(undefined, items, tree))]);
  return { def: next, focus: { tree, path: [items.length] } };
}

/** A new last child of the row; a leaf becomes a group (its options go: a group is scored by its rows). */
export function addChild(def: FrameworkDefinitionWire, place: RowPlace): Change {
  const node = nodeAt(def, place);
  if (!node) return { def, focus: place };
  const child = blankRow(childCode(node.code, node.children, place.tree));
  const next = editTree(def, place.tree, parentOf(place.path), (list) =>
    list.map((n, j) => (j === lastOf(place.path) ? asGroup({ ...n, children: [...n.children, child] }) : n)),
  );
  return { def: next, focus: { tree: place.tree, path: [...place.path, node.children.length] } };
}

function asGroup(n: WireNode): WireNode {
  if (n.kind === 'group') return n;
  const { options: _o, ...rest } = n;
  return { ...rest, kind: 'group' };
}
/** A group left without rows is a row scored by points again. */
function leafIfEmpty(n: WireNode): WireNode {
  return n.kind === 'group' && n.children.length === 0 ? { ...n, kind: 'score' } : n;
}

/** A new row right after this one, at its level. */
export function addSibling(def: FrameworkDefinitionWire, place: RowPlace): Change {
  const node = nodeAt(def, place);
  if (!node) return { def, focus: place };
  const at = lastOf(place.path) + 1;
  const next = editTree(def, place.tree, parentOf(place.path), (list) => [
    ...list.slice(0, at),
    blankRow(nextCode(node.code)),
    ...list.slice(at),
  ]);
  return { def: next, focus: { tree: place.tree, path: [...parentOf(place.path), at] } };
}

/** Swaps the row with the one before (`-1`) or after (`+1`) it; at either end nothing changes. */
export function move(def: FrameworkDefinitionWire, place: RowPlace, by: -1 | 1): Change {
  const i = lastOf(place.path);
  const j = i + by;
  const siblings = siblingsOf(def, place);
  if (!siblings || j < 0 || j >= siblings.length) return { def, focus: place };
  const next = editTree(def, place.tree, parentOf(place.path), (list) => {
    const out = [...list];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  });
  return { def: next, focus: { tree: place.tree, path: [...parentOf(place.path), j] } };
}

function siblingsOf(def: FrameworkDefinitionWire, place: RowPlace): WireNode[] | undefined {
  const parentPath = parentOf(place.path);
  return parentPath.length ? nodeAt(def, { tree: place.tree, path: parentPath })?.children : treeItems(def, place.tree);
}

/** The row becomes the last child of the row before it (which becomes a group); the first row cannot. */
export function indent(def: FrameworkDefinitionWire, place: RowPlace): Change {
  const i = lastOf(place.path);
  const siblings = siblingsOf(def, place);
  const node = siblings?.[i];
  const prev = siblings?.[i - 1];
  if (!node || !prev) return { def, focus: place };
  const next = editTree(def, place.tree, parentOf(place.path), (list) =>
    list.flatMap((n, j) => (j === i ? [] : j === i - 1 ? [asGroup({ ...n, children: [...n.children, node] })] : [n])),
  );
  return { def: next, focus: { tree: place.tree, path: [...parentOf(place.path), i - 1, prev.children.length] } };
}

/** The row leaves its parent and comes right after it, one level up; a top row cannot. */
export function outdent(def: FrameworkDefinitionWire, place: RowPlace): Change {
  if (place.path.length < 2) return { def, focus: place };
  const node = nodeAt(def, place);
  if (!node) return { def, focus: place };
  const parentPath = parentOf(place.path);
  const p = lastOf(parentPath);
  const i = lastOf(place.path);
  const next = editTree(def, place.tree, parentOf(parentPath), (list) =>
    list.flatMap((n, j) => (j === p ? [leafIfEmpty({ ...n, children: n.children.filter((_, k) => k !== i) }), node] : [n])),
  );
  return { def: next, focus: { tree: place.tree, path: [...parentOf(parentPath), p + 1] } };
}

/** Deletes the row and its rows. The focus goes to the row now in its place, else the one before, else its parent. */
export function remove(def: FrameworkDefinitionWire, place: RowPlace): Change {
  const siblings = siblingsOf(def, place);
  const i = lastOf(place.path);
  if (!siblings?.[i]) return { def, focus: place };
  const parentPath = parentOf(place.path);
  let next = editTree(def, place.tree, parentPath, (list) => list.filter((_, j) => j !== i));
  if (parentPath.length)
    next = editTree(next, place.tree, parentOf(parentPath), (list) =>
      list.map((n, j) => (j === lastOf(parentPath) ? leafIfEmpty(n) : n)),
    );
  const left = siblings.length - 1;
  const focusPath = left > 0 ? [...parentPath, Math.min(i, left - 1)] : parentPath;
  return { def: next, focus: { tree: place.tree, path: focusPath } };
}

/** Changes fields of one row. A kind other than `choice` drops the options; `choice` starts with two. */
export function updateRow(def: FrameworkDefinitionWire, place: RowPlace, patch: Partial<Omit<WireNode, 'children'>>): Change {
  const next = editTree(def, place.tree, parentOf(place.path), (list) =>
    list.map((n, j) => {
      if (j !== lastOf(place.path)) return n;
      const row: WireNode = { ...n, ...patch };
      if (row.kind !== 'choice') delete row.options;
      else if (!row.options?.length)
        row.options = [
          { label: 'Đạt', points: row.maxPoints },
          { label: 'Không đạt', points: 0 },
        ];
      return row;
    }),
  );
  return { def: next, focus: place };
}

/** Hundredths of points written in the wire form (0 for anything that is not exact). */
const h = (points: number): Hundredths => {
  const x = toHundredths(points);
  return Number.isNaN(x) ? 0 : x;
};

/** The sum of a row's children's maxima, in hundredths. */
export const childSum = (n: WireNode): Hundredths => n.children.reduce((s, c) => s + h(c.maxPoints), 0);

/** Whether a group's maximum differs from the sum of its rows (a leaf never does). */
export const sumMismatch = (n: WireNode): boolean => n.children.length > 0 && childSum(n) !== h(n.maxPoints);

/** The sum of a tree's top rows' maxima, in hundredths (the main set's areas against the total). */
export const topSum = (items: readonly WireNode[]): Hundredths => items.reduce((s, c) => s + h(c.maxPoints), 0);

export interface FlatRow {
  place: RowPlace;
  node: WireNode;
  depth: number;
  /** Has a row before it at its level (may go up, may be indented). */
  first: boolean;
  last: boolean;
}

/** The rows of a tree in reading order, each with its place and depth (what the editor lists). */
export function flatten(items: readonly WireNode[], tree: TreeKey): FlatRow[] {
  const out: FlatRow[] = [];
  const go = (list: readonly WireNode[], path: number[]) =>
    list.forEach((node, i) => {
      const p = [...path, i];
      out.push({ place: { tree, path: p }, node, depth: path.length, first: i === 0, last: i === list.length - 1 });
      go(node.children, p);
    });
  go(items, []);
  return out;
}

/** The place of the row with this code, in any tree (to go from an activation problem to its row). */
export function findCode(def: FrameworkDefinitionWire, code: string): RowPlace | undefined {
  const trees: TreeKey[] = [...def.sets.map((_, i) => `set:${i}` as const), 'bonus', 'penalty'];
  for (const tree of trees) {
    const hit = flatten(treeItems(def, tree) ?? [], tree).find((r) => r.node.code === code);
    if (hit) return hit.place;
  }
  return undefined;
}

/**
 * The undo history: the values before each change, newest last. A change with the same `key` as the
 * one before (typing in one field) joins it, so that undo takes back the whole edit of that field.
 */
export interface History<T> {
  past: T[];
  lastKey?: string;
}
export const HISTORY_LIMIT = 100;

export function record<T>(h: History<T>, before: T, key?: string): History<T> {
  if (key !== undefined && key === h.lastKey) return h;
  const past = [...h.past, before].slice(-HISTORY_LIMIT);
  return key === undefined ? { past } : { past, lastKey: key };
}

/** The value before the last change, and the history without it (undefined: nothing to undo). */
export function undo<T>(h: History<T>): { value: T; history: History<T> } | undefined {
  const value = h.past[h.past.length - 1];
  if (value === undefined) return undefined;
  return { value, history: { past: h.past.slice(0, -1) } };
}
