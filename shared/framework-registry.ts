/** The catalogs this build knows, validated once at load. */
import { thaiNguyen4203 } from './catalog/thai-nguyen-4203-2021.js';
import { buildFramework, toPoints, type Framework, type FrameworkNode } from './framework.js';
import type { FrameworkItem, FrameworkResponse } from './schemas.js';

export const FRAMEWORK_DEFINITIONS = [thaiNguyen4203];
const built = new Map<string, Framework>(FRAMEWORK_DEFINITIONS.map((d) => [d.id, buildFramework(d)]));

export function getFramework(id: string): Framework | undefined {
  return built.get(id);
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
