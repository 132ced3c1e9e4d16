/** The catalogs this build knows, each built (and validated) once, on first use. */
import { thaiNguyen4203 } from './catalog/thai-nguyen-4203-2021.js';
import { buildFramework, toPoints, type Framework, type FrameworkNode } from './framework.js';
import type { FrameworkItem, FrameworkResponse } from './schemas.js';

export const FRAMEWORK_DEFINITIONS = [thaiNguyen4203];
const built = new Map<string, Framework>();

/**
 * Built on first use, not at load: a cold start whose first request needs no framework (the lifecycle
 * task's status and waits, the catalog's lists) does not pay for it.
 */
export function getFramework(id: string): Framework | undefined {
  let fw = built.get(id);
  if (!fw) {
    const def = FRAMEWORK_DEFINITIONS.find((d) => d.id === id);
    if (!def) return undefined;
    built.set(id, (fw = buildFramework(def)));
  }
  return fw;
}

function item(n: FrameworkNode): FrameworkItem {
  return {
    code: n.code,
    title: n.title,
    ...(n.titleByUnitKind ? { titleByUnitKind: n.titleByUnitKind } : {}),
    maxPoints: toPoints(n.max),
    notApplicableAllowed: n.notApplicableAllowed,
    children: n.children.map(item),
  };
}

export function toFrameworkResponse(fw: Framework): FrameworkResponse {
  return {
    id: fw.id,
    title: fw.title,
    totalPoints: toPoints(fw.total),
    notApplicablePolicy: fw.notApplicablePolicy,
    classBands: fw.classBands,
    items: fw.areas.map(item),
  };
}
