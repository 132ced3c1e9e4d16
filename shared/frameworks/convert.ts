/**
 * The only conversion between a stored framework document (hundredths, model.ts) and its wire form
 * (points, wire.ts). No zod here: the web imports it to read a framework it fetched.
 */
import { toHundredths, toPoints } from '../points.js';
import { setFor, type FrameworkDocNode, type FrameworkDocument } from './model.js';
import type { FrameworkDefinitionWire, FrameworkResponse, WireNode } from './wire.js';

const nodeToWire = (n: FrameworkDocNode): WireNode => ({
  code: n.code,
  title: n.title,
  ...(n.titleByUnitKind ? { titleByUnitKind: n.titleByUnitKind } : {}),
  maxPoints: toPoints(n.maxPoints),
  kind: n.kind,
  ...(n.options ? { options: n.options.map((o) => ({ label: o.label, points: toPoints(o.points) })) } : {}),
  ...(n.guidance !== undefined ? { guidance: n.guidance } : {}),
  ...(n.evidenceRequired !== undefined ? { evidenceRequired: n.evidenceRequired } : {}),
  notApplicableAllowed: n.notApplicableAllowed,
  children: n.children.map(nodeToWire),
});

const nodeFromWire = (n: WireNode): FrameworkDocNode => ({
  code: n.code.trim(),
  title: n.title,
  ...(n.titleByUnitKind ? { titleByUnitKind: n.titleByUnitKind } : {}),
  maxPoints: toHundredths(n.maxPoints),
  kind: n.kind,
  ...(n.options ? { options: n.options.map((o) => ({ label: o.label, points: toHundredths(o.points) })) } : {}),
  ...(n.guidance !== undefined ? { guidance: n.guidance } : {}),
  ...(n.evidenceRequired !== undefined ? { evidenceRequired: n.evidenceRequired } : {}),
  notApplicableAllowed: n.notApplicableAllowed,
  children: n.children.map(nodeFromWire),
});

/** The stored document as the GET answers it. */
export function toWire(doc: FrameworkDocument): FrameworkResponse {
  const main = setFor(doc, 'xa') ?? doc.sets[0];
  return {
    id: doc.id,
    title: doc.title,
    status: doc.status,
    version: doc.version,
    ...(doc.decision ? { decision: doc.decision } : {}),
    years: doc.years,
    ...(doc.basedOn ? { basedOn: doc.basedOn } : {}),
    display: doc.display,
    classBands: doc.classBands.map((b) => ({
      class: b.class as FrameworkResponse['classBands'][number]['class'],
      label: b.label,
      minIndex: toPoints(b.minIndex),
    })),
    notApplicablePolicy: doc.notApplicablePolicy,
    totalPoints: toPoints(doc.total),
    sets: doc.sets.map((s) => ({ id: s.id, title: s.title, unitKinds: s.unitKinds, items: s.items.map(nodeToWire) })),
    ...(doc.bonus ? { bonus: { cap: toPoints(doc.bonus.cap), items: doc.bonus.items.map(nodeToWire) } } : {}),
    ...(doc.penalty ? { penalty: { cap: toPoints(doc.penalty.cap), items: doc.penalty.items.map(nodeToWire) } } : {}),
    items: (main?.items ?? []).map(nodeToWire),
  };
}

/** A PUT's definition into the stored document (identity and status from the stored draft). */
export function fromWire(
  def: FrameworkDefinitionWire,
  head: Pick<FrameworkDocument, 'id' | 'status' | 'version'>,
): FrameworkDocument {
  return {
    id: head.id,
    title: def.title.trim(),
    ...(def.decision ? { decision: def.decision } : {}),
    years: def.years,
    status: head.status,
    version: head.version,
    ...(def.basedOn ? { basedOn: def.basedOn } : {}),
    display: def.display,
    classBands: def.classBands.map((b) => ({ class: b.class, label: b.label, minIndex: toHundredths(b.minIndex) })),
    notApplicablePolicy: def.notApplicablePolicy,
    total: toHundredths(def.totalPoints),
    sets: def.sets.map((s) => ({ id: s.id, title: s.title, unitKinds: s.unitKinds, items: s.items.map(nodeFromWire) })),
    ...(def.bonus ? { bonus: { cap: toHundredths(def.bonus.cap), items: def.bonus.items.map(nodeFromWire) } } : {}),
    ...(def.penalty ? { penalty: { cap: toHundredths(def.penalty.cap), items: def.penalty.items.map(nodeFromWire) } } : {}),
  };
}

/** The definition part of a GET answer (what the editor sends back in a PUT). */
export function definitionOfResponse(r: FrameworkResponse): FrameworkDefinitionWire {
  const { id: _id, status: _s, version: _v, items: _i, history: _h, ...def } = r;
  return def;
}

/** A GET answer back into the stored document (the web's registry keeps documents). */
export const docOfResponse = (r: FrameworkResponse): FrameworkDocument =>
  fromWire(definitionOfResponse(r), { id: r.id, status: r.status, version: r.version });
