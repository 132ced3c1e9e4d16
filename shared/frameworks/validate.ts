/**
 * Whether a framework document is consistent, with EVERY problem at once, each naming its row in
 * Vietnamese (`buildFramework` stops at the first). A draft may be inconsistent while it is edited;
 * activating one needs an empty list (API.md: 409 `LIFECYCLE` with these as `details`).
 *
 * Decision 4203's own checks (maxima in quarter points and > 0, at most three levels, areas I..XII) are
 * NOT rules of every framework: other decisions use other maxima and depths (issue 22). They stay in
 * `buildFramework`, which still checks the compiled 4203; the converted document is tested against it.
 */
import vi from 'zod/v4/locales/vi.js';
import { formatPoints } from '../format.js';
import type { Hundredths } from '../points.js';
import {
  frameworkDocument,
  walk,
  type FrameworkDocNode,
  type FrameworkDocument,
  type NodeKind,
  type SetUnitKind,
} from './document.js';

export interface FrameworkProblem {
  /** The row the problem is about, when it is about one row. */
  code?: string;
  message: string;
}

export const KIND_LABELS: Record<NodeKind, string> = {
  group: 'nhóm',
  score: 'chấm điểm',
  choice: 'chọn phương án',
  'yes-no': 'đạt/không đạt',
  survey: 'điều tra xã hội học',
};

const UNIT_KIND_LABELS: Record<SetUnitKind, string> = {
  xa: 'xã',
  phuong: 'phường',
  'dac-khu': 'đặc khu',
  'thi-tran': 'thị trấn',
  department: 'sở, ban, ngành',
};

/** Segments of letters or digits joined by dots: `I`, `1.1`, `1.1.1.a`, `T.1`. */
const CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;

export function toRoman(n: number): string {
  const digits: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
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
  let out = '';
  for (const [v, s] of digits)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/**
 * The parent a code names, as the decisions write them: `1.1` is under area `I` (the Roman numeral of
 * its first number), `1.1.2` under `1.1`, `1.1.1.a` under `1.1.1`, `T.1` under `T`; `I` has none.
 */
export function parentCodeOf(code: string): string | undefined {
  const parts = code.split('.');
  if (parts.length === 1) return undefined;
  if (parts.length === 2 && /^\d+$/.test(parts[0]!)) return toRoman(Number(parts[0]));
  return parts.slice(0, -1).join('.');
}

const pts = (h: Hundredths) => formatPoints(h);

/** Every problem of a (shape-checked) document; an empty list when it is consistent. */
export function validateFramework(doc: FrameworkDocument): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const add = (message: string, code?: string) => problems.push(code === undefined ? { message } : { code, message });

  if (!doc.title.trim()) add('Bộ tiêu chí thiếu tên');
  if (doc.years.length === 0) add('Bộ tiêu chí chưa ghi năm áp dụng');
  if (doc.total <= 0) add(`Tổng điểm của bộ tiêu chí (${pts(doc.total)}) phải lớn hơn 0`);

  // Codes: a unit's sheet holds its set's rows and the bonus and penalty rows, so a code must be unique
  // there. Two sets (xã and department) may reuse `I`, `1.1`…: no unit is scored against both.
  const groups = [
    ...(doc.bonus ? [{ name: 'Nhóm điểm thưởng', group: doc.bonus }] : []),
    ...(doc.penalty ? [{ name: 'Nhóm điểm trừ', group: doc.penalty }] : []),
  ];
  const extraNodes = groups.flatMap((g) => [...walk(g.group.items)]);
  const reportedDuplicates = new Set<string>();
  const scopes = doc.sets.length > 0 ? doc.sets.map((s) => [...walk(s.items), ...extraNodes]) : [extraNodes];
  for (const scope of scopes) {
    const seen = new Set<string>();
    for (const n of scope) {
      if (seen.has(n.code) && !reportedDuplicates.has(n.code)) {
        reportedDuplicates.add(n.code);
        add(`Mã dòng "${n.code}" bị trùng: mỗi mã chỉ được dùng cho một dòng`, n.code);
      }
      seen.add(n.code);
    }
  }

  // Rows, with their place in the tree. A set's areas read no parent from their code (`1.1` at the top
  // of a set is misplaced even where no `I` exists); a bonus or penalty group's top rows may name the
  // group (`T.1` reads as under `T`) but no row of the framework.
  const checkTree = (items: readonly FrameworkDocNode[], top: 'area' | ReadonlySet<string>, parent?: FrameworkDocNode) => {
    for (const n of items) {
      checkNode(n, add);
      if (CODE.test(n.code)) {
        const expected = parentCodeOf(n.code);
        if (parent) {
          if (expected === undefined) add(`Dòng ${n.code} có mã cấp cao nhất nhưng lại nằm dưới dòng ${parent.code}`, n.code);
          else if (expected !== parent.code)
            add(`Dòng ${n.code} nằm dưới dòng ${parent.code}, nhưng theo mã phải thuộc dòng ${expected}`, n.code);
        } else if (expected !== undefined && (top === 'area' || top.has(expected))) {
          add(`Dòng ${n.code} đứng ở cấp cao nhất, nhưng theo mã phải thuộc dòng ${expected}`, n.code);
        }
      }
      checkTree(n.children, top, n);
    }
  };
  for (const set of doc.sets) checkTree(set.items, 'area');
  const allCodes = new Set([...doc.sets.flatMap((s) => [...walk(s.items)]), ...extraNodes].map((n) => n.code));
  for (const g of groups) checkTree(g.group.items, allCodes);

  // Sets: which unit kinds each is for, and their areas against the total.
  if (doc.sets.length === 0) add('Bộ tiêu chí chưa có tập tiêu chí nào');
  const setIds = new Set<string>();
  const setOfKind = new Map<SetUnitKind, string>();
  for (const set of doc.sets) {
    const name = `Tập tiêu chí "${set.title || set.id}"`;
    if (!set.id.trim()) add(`${name} thiếu mã`);
    else if (setIds.has(set.id)) add(`Mã tập tiêu chí "${set.id}" bị trùng`);
    // The compact summaries name a set after its framework's id, with "~" and ":" around it.
    else if (/[~:]/.test(set.id)) add(`Mã tập tiêu chí "${set.id}" không được chứa dấu "~" hay ":"`);
    setIds.add(set.id);
    if (!set.title.trim()) add(`${name} thiếu tên`);
    if (set.unitKinds.length === 0) add(`${name} chưa áp dụng cho loại đơn vị nào`);
    for (const kind of new Set(set.unitKinds)) {
      const other = setOfKind.get(kind);
      if (other !== undefined)
        add(`Loại đơn vị "${UNIT_KIND_LABELS[kind]}" thuộc hai tập tiêu chí ("${other}" và "${set.title || set.id}")`);
      else setOfKind.set(kind, set.title || set.id);
    }
    if (set.items.length === 0) add(`${name} chưa có lĩnh vực nào`);
    else {
      const sum = set.items.reduce((s, a) => s + a.maxPoints, 0);
      if (sum !== doc.total)
        add(`${name}: tổng điểm các lĩnh vực (${pts(sum)}) khác tổng điểm của bộ tiêu chí (${pts(doc.total)})`);
    }
  }

  for (const { name, group } of groups) {
    if (group.cap < 0) add(`${name}: mức điểm tối đa được tính (${pts(group.cap)}) không được âm`);
    if (group.items.length === 0) add(`${name} chưa có dòng nào`);
  }

  // Class bands, on the figure displayed: points (0..total) or percent (0..100 %).
  const percent = doc.display === 'percent';
  const scale = percent ? 10000 : doc.total;
  const shown = (h: Hundredths) => (percent ? `${pts(h)}%` : `${pts(h)} điểm`);
  const bands = doc.classBands;
  if (bands.length === 0) add('Bộ tiêu chí chưa có mức xếp loại nào');
  const classes = new Set<string>();
  bands.forEach((b, i) => {
    const name = `Mức xếp loại "${b.label || b.class}"`;
    if (!b.class.trim()) add(`${name} thiếu mã`);
    else if (classes.has(b.class)) add(`Mã xếp loại "${b.class}" bị trùng`);
    classes.add(b.class);
    if (!b.label.trim()) add(`Mức xếp loại "${b.class}" thiếu tên`);
    if (b.minIndex < 0 || b.minIndex > scale)
      add(`${name}: ngưỡng ${shown(b.minIndex)} nằm ngoài thang điểm công bố (0 đến ${shown(scale)})`);
    const prev = bands[i - 1];
    if (prev && b.minIndex >= prev.minIndex)
      add(
        `${name}: ngưỡng ${shown(b.minIndex)} phải thấp hơn ngưỡng của mức "${prev.label || prev.class}" (${shown(prev.minIndex)}); các mức xếp theo ngưỡng giảm dần`,
      );
  });
  const last = bands[bands.length - 1];
  if (last && last.minIndex !== 0)
    add(`Mức xếp loại thấp nhất ("${last.label || last.class}") phải có ngưỡng 0 để kết quả nào cũng được xếp loại`);
  return problems;
}

/** The checks of one row on its own: code, title, maximum, kind, options. */
/** The most a scored row (a leaf) may be worth, in hundredths: what a packed summary holds (36² − 1). */
export const MAX_LEAF_POINTS = 36 ** 2 - 1;

function checkNode(n: FrameworkDocNode, add: (message: string, code?: string) => void) {
  if (!CODE.test(n.code)) {
    add(`Mã dòng "${n.code}" không hợp lệ: mã gồm chữ hoặc số, các cấp cách nhau bằng dấu chấm (I, 1.1, 1.1.1.a)`, n.code);
  }
  const row = `Dòng ${n.code}`;
  if (!n.title.trim()) add(`${row} thiếu tên`, n.code);
  if (n.maxPoints < 0) add(`${row}: điểm tối đa (${pts(n.maxPoints)}) không được âm`, n.code);
  if (n.kind === 'group') {
    if (n.children.length === 0) add(`${row} là nhóm nhưng không có dòng con`, n.code);
    else {
      const sum = n.children.reduce((s, c) => s + c.maxPoints, 0);
      if (sum !== n.maxPoints)
        add(`${row}: điểm tối đa (${pts(n.maxPoints)}) khác tổng điểm tối đa các dòng con (${pts(sum)})`, n.code);
    }
  } else if (n.children.length > 0) {
    add(`${row} có dòng con nên phải là nhóm, không thể chấm kiểu "${KIND_LABELS[n.kind]}"`, n.code);
  } else if (n.maxPoints > MAX_LEAF_POINTS) {
    // The compact summaries (functions/lib/store/summaries.ts) hold up to 12,95 points a scored row.
    add(
      `${row}: điểm tối đa (${pts(n.maxPoints)}) vượt mức một dòng chấm điểm được lưu (${pts(MAX_LEAF_POINTS)}): hãy chia thành các dòng con`,
      n.code,
    );
  }
  const options = n.options ?? [];
  if (n.kind !== 'choice') {
    if (options.length > 0) add(`${row} chấm kiểu "${KIND_LABELS[n.kind]}" nên không có phương án lựa chọn`, n.code);
    return;
  }
  if (options.length < 2) add(`${row} chấm theo lựa chọn nên cần ít nhất 2 phương án`, n.code);
  for (const o of options) {
    if (!o.label.trim()) add(`${row}: có phương án thiếu tên`, n.code);
    if (o.points < 0 || o.points > n.maxPoints)
      add(`${row}: phương án "${o.label}" (${pts(o.points)} điểm) phải từ 0 đến ${pts(n.maxPoints)} điểm`, n.code);
  }
  if (options.length > 0) {
    const highest = Math.max(...options.map((o) => o.points));
    if (highest !== n.maxPoints)
      add(`${row}: phương án cao nhất (${pts(highest)} điểm) phải bằng điểm tối đa (${pts(n.maxPoints)} điểm)`, n.code);
  }
}

export type ParsedFramework = { ok: true; doc: FrameworkDocument } | { ok: false; problems: FrameworkProblem[] };

const viErrors = vi().localeError;

/**
 * A document from JSON (a PUT body, a stored record): its shape first (a malformed one is a 400), each
 * problem naming where it is. Consistency is `validateFramework`, apart: a draft may be inconsistent.
 */
export function parseFrameworkDocument(input: unknown): ParsedFramework {
  const r = frameworkDocument.safeParse(input, { error: viErrors });
  if (r.success) return { ok: true, doc: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => ({ message: `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}` })),
  };
}
