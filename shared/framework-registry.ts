/**
 * The frameworks this process has read, by id: each cycle's snapshot (functions: functions/lib/frameworks.ts
 * loads it before a route reads the cycle; web: the page's load fetches it). An active framework never
 * changes once active, so its id names one content for good; the views per unit kind are built on first use.
 * Nothing is compiled in: a framework unknown here has not been read yet.
 */
import type { Framework } from './framework.js';
import { setFor, type FrameworkDocument, type SetUnitKind } from './frameworks/model.js';
import { frameworkFromDocument } from './frameworks/runtime.js';

const docs = new Map<string, FrameworkDocument>();
const views = new Map<string, Framework>();

/** Keeps `doc` as the framework of its id (a newer version of a draft, in a preview, replaces an older one). */
export function registerFramework(doc: FrameworkDocument): void {
  const had = docs.get(doc.id);
  if (had && had.version === doc.version && had.status === doc.status) return;
  docs.set(doc.id, doc);
  for (const k of [...views.keys()]) if (k.startsWith(`${doc.id}#`)) views.delete(k);
}

export const frameworkDocumentOf = (id: string): FrameworkDocument | undefined => docs.get(id);

/** The framework `id` as a unit of `kind` is scored against (default: the set that holds xã); undefined if not read yet. */
export function getFramework(id: string, kind: SetUnitKind = 'xa'): Framework | undefined {
  const doc = docs.get(id);
  if (!doc) return undefined;
  // One view per set: kinds that share a set share the object (and the scorer's compiled arrays).
  const key = `${id}#${(setFor(doc, kind) ?? doc.sets[0])?.id ?? ''}`;
  let fw = views.get(key);
  if (!fw) views.set(key, (fw = frameworkFromDocument(doc, kind)));
  return fw;
}

/**
 * How a packed summary names the set it is packed in: the framework's id for the set that holds xã (as
 * before frameworks had several sets: old packed items stay readable), `${id}~${setId}` for another.
 */
export function summaryIdOf(fw: Framework): string {
  const doc = docs.get(fw.id);
  const xa = doc && (setFor(doc, 'xa') ?? doc.sets[0]);
  return !fw.setId || !xa || xa.id === fw.setId ? fw.id : `${fw.id}~${fw.setId}`;
}

/** The framework view a packed summary names (summaryIdOf's inverse); undefined if not read yet. */
export function frameworkOfSummaryId(s: string): Framework | undefined {
  const tilde = s.indexOf('~');
  if (tilde < 0) return getFramework(s);
  const id = s.slice(0, tilde);
  const set = docs.get(id)?.sets.find((x) => x.id === s.slice(tilde + 1));
  return set?.unitKinds[0] === undefined ? undefined : getFramework(id, set.unitKinds[0]);
}
