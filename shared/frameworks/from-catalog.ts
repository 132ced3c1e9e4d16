/**
 * Decision 4203 as a framework document, converted from the compiled catalog
 * (shared/catalog/thai-nguyen-4203-2021.ts): 155 rows, 119 scored, 100 points, 8.3.1's title per kind.
 * Every leaf is `score` (any hundredth up to its maximum), as before. No guidance text ("cách thức,
 * phương pháp đánh giá"): the decision's Phụ lục I as held here (docs/decision-4203/) has its method
 * columns empty, so 4203's rows carry none; a province adds its own in a copy.
 */
import { thaiNguyen4203 } from '../catalog/thai-nguyen-4203-2021.js';
import type { FrameworkDefinition } from '../framework.js';
import { toHundredths } from '../points.js';
import type { FrameworkDocNode, FrameworkDocument } from './document.js';
import { parentCodeOf } from './validate.js';

/**
 * A compiled catalog (flat rows in the decision's order, maxima in points) as a document of one set for
 * every kind. The tree is rebuilt from the codes by the documents' own rule (`parentCodeOf`), not by
 * `buildFramework`, so that the test comparing the two trees compares two readings. A row whose parent
 * is not found above it is kept at the top, where validation names it.
 */
export function documentFromCatalog(
  def: FrameworkDefinition,
  meta: Pick<FrameworkDocument, 'years' | 'status' | 'version'> & Partial<Pick<FrameworkDocument, 'decision' | 'basedOn'>>,
): FrameworkDocument {
  const byCode = new Map<string, FrameworkDocNode>();
  const areas: FrameworkDocNode[] = [];
  for (const row of def.rows) {
    const node: FrameworkDocNode = {
      code: row.code,
      title: row.title,
      ...(row.titleByUnitKind ? { titleByUnitKind: { ...row.titleByUnitKind } } : {}),
      maxPoints: toHundredths(row.maxPoints),
      kind: 'score',
      notApplicableAllowed: row.notApplicableAllowed === true,
      children: [],
    };
    const parentCode = parentCodeOf(row.code);
    const parent = parentCode === undefined ? undefined : byCode.get(parentCode);
    if (parent) {
      parent.kind = 'group';
      parent.children.push(node);
    } else areas.push(node);
    if (!byCode.has(row.code)) byCode.set(row.code, node);
  }
  return {
    id: def.id,
    title: def.title,
    ...(meta.decision ? { decision: meta.decision } : {}),
    years: meta.years,
    status: meta.status,
    version: meta.version,
    ...(meta.basedOn ? { basedOn: meta.basedOn } : {}),
    display: 'points',
    // Compiled bands are in points on the index scale; documents keep hundredths of the display scale.
    classBands: def.classBands.map((b) => ({ class: b.class, label: b.label, minIndex: toHundredths(b.minIndex) })),
    notApplicablePolicy: def.notApplicablePolicy,
    total: toHundredths(def.totalPoints),
    sets: [{ id: 'chung', title: 'Tiêu chí chung', unitKinds: ['xa', 'phuong', 'dac-khu', 'thi-tran'], items: areas }],
  };
}

/**
 * Decision 4203 as data, active. Its text names no end: in force from its signing (30/12/2021), it
 * covers every year from 2022, the first whole year, to 2026, the current one here. Its signer is given
 * as the text gives it ("của Chủ tịch UBND tỉnh Thái Nguyên"), by office.
 */
export function decision4203Document(): FrameworkDocument {
  return documentFromCatalog(thaiNguyen4203, {
    decision: { number: '4203/QĐ-UBND', date: '2021-12-30', signer: 'Chủ tịch UBND tỉnh Thái Nguyên' },
    years: [2022, 2023, 2024, 2025, 2026],
    status: 'active',
    version: 1,
  });
}
