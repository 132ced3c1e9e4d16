/**
 * A stored framework document (document.ts) as the tree every reader uses (`Framework`, shared/framework.ts):
 * the rows of the set a unit of one kind is scored against, then the bonus and the penalty group, each
 * as an area of its own (`T` and `P` unless the main criteria already use those codes). Pure; built
 * once per framework and kind by the registry (shared/framework-registry.ts).
 */
import type { ClassBand, ClassCode, Component, Framework, FrameworkNode, UnitKind } from '../framework.js';
import { toPoints } from '../points.js';
import { setFor, walk, type FrameworkDocNode, type FrameworkDocument, type PointsGroup, type SetUnitKind } from './model.js';

export const BONUS_AREA_TITLE = 'Điểm thưởng';
export const PENALTY_AREA_TITLE = 'Điểm trừ';

function convert(n: FrameworkDocNode, area: string, component: Component, parent: string | undefined): FrameworkNode {
  const node: FrameworkNode = {
    code: n.code,
    title: n.title,
    ...(n.titleByUnitKind ? { titleByUnitKind: n.titleByUnitKind as FrameworkNode['titleByUnitKind'] } : {}),
    max: n.maxPoints,
    notApplicableAllowed: component === 'main' && n.notApplicableAllowed,
    area,
    ...(parent !== undefined ? { parent } : {}),
    children: [],
    kind: n.children.length > 0 ? 'group' : n.kind === 'group' ? 'score' : n.kind,
    ...(n.options ? { options: n.options.map((o) => ({ ...o })) } : {}),
    ...(n.guidance ? { guidance: n.guidance } : {}),
    ...(n.evidenceRequired ? { evidenceRequired: true } : {}),
    ...(component !== 'main' ? { component } : {}),
  };
  node.children = n.children.map((c) => convert(c, area, component, n.code));
  return node;
}

/** The first of the candidates no row uses. */
function freeCode(used: Set<string>, candidates: string[]): string {
  const c = candidates.find((x) => !used.has(x)) ?? `${candidates[0]}${used.size}`;
  used.add(c);
  return c;
}

function groupArea(g: PointsGroup, code: string, title: string, component: Component): FrameworkNode {
  const area: FrameworkNode = {
    code,
    title,
    max: g.items.reduce((s, n) => s + n.maxPoints, 0),
    notApplicableAllowed: false,
    area: code,
    children: [],
    kind: 'group',
    component,
  };
  area.children = g.items.map((n) => convert(n, code, component, code));
  return area;
}

/**
 * The framework a unit of `kind` is scored against. Throws when no set holds that kind (the caller
 * checked the document when it was activated).
 */
export function frameworkFromDocument(doc: FrameworkDocument, kind: SetUnitKind = 'xa'): Framework {
  const set = setFor(doc, kind) ?? doc.sets[0];
  if (!set) throw new Error(`framework ${doc.id} has no criteria set`);
  const areas = set.items.map((n) => convert(n, n.code, 'main', undefined));
  const used = new Set<string>();
  for (const n of walk(set.items)) used.add(n.code);
  for (const n of walk([...(doc.bonus?.items ?? []), ...(doc.penalty?.items ?? [])])) used.add(n.code);
  if (doc.bonus) areas.push(groupArea(doc.bonus, freeCode(used, ['T', 'DT', 'THUONG']), BONUS_AREA_TITLE, 'bonus'));
  if (doc.penalty) areas.push(groupArea(doc.penalty, freeCode(used, ['P', 'DTR', 'TRU']), PENALTY_AREA_TITLE, 'penalty'));
  const rows: FrameworkNode[] = [];
  const add = (n: FrameworkNode) => {
    rows.push(n);
    n.children.forEach(add);
  };
  areas.forEach(add);
  const classBands: ClassBand[] = doc.classBands.map((b) => ({
    class: b.class as ClassCode,
    label: b.label,
    minIndex: toPoints(b.minIndex),
  }));
  return {
    id: doc.id,
    title: doc.title,
    total: doc.total,
    notApplicablePolicy: doc.notApplicablePolicy,
    classBands,
    display: doc.display,
    version: doc.version,
    setId: set.id,
    ...(doc.bonus ? { bonusCap: doc.bonus.cap } : {}),
    ...(doc.penalty ? { penaltyCap: doc.penalty.cap } : {}),
    areas,
    rows,
    leaves: rows.filter((r) => r.children.length === 0),
    byCode: new Map(rows.map((r) => [r.code, r])),
  };
}

/** Whether every commune kind of `kinds` is scored against the same set (one form, one ranking per block). */
export function oneSetFor(doc: FrameworkDocument, kinds: readonly UnitKind[]): boolean {
  return new Set(kinds.map((k) => setFor(doc, k)?.id)).size <= 1;
}
