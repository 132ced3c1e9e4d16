/**
 * The framework document as it is STORED (API.md, "Frameworks as data"): a criteria framework the
 * province writes each year. Types and helpers only, no zod (the web imports this); the zod schema is
 * document.ts. Pure data, no I/O.
 *
 * Units of the numbers, all integers:
 * - `total`, `maxPoints`, `options[].points`, `bonus.cap`, `penalty.cap`: hundredths of a point
 *   (1 point = 100). The API's wire form speaks points (`maxPoints: 0.25`): convert.ts converts.
 * - `classBands[].minIndex`: hundredths on the DISPLAY scale: hundredths of a point when `display` is
 *   `points` (0..total), hundredths of a percent when it is `percent` (0..10000).
 */
import { UNIT_KINDS } from '../framework.js';
import type { Hundredths } from '../points.js';

/** The kinds of unit a criteria set can be for: the commune-level kinds, and departments (sở, ban, ngành). */
export const SET_UNIT_KINDS = UNIT_KINDS;
export type SetUnitKind = (typeof SET_UNIT_KINDS)[number];

/** `group`: a node with children. A leaf is scored as `score`, `choice`, `yes-no` or `survey` (score.ts). */
export const NODE_KINDS = ['group', 'score', 'choice', 'yes-no', 'survey'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export type LeafKind = Exclude<NodeKind, 'group'>;

export const FRAMEWORK_STATUSES = ['draft', 'active', 'retired'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

export interface ChoiceOption {
  label: string;
  /** Hundredths of a point. */
  points: Hundredths;
}

export interface FrameworkDocNode {
  /** As the decision writes it: `I`, `1.1`, `1.1.1`, `1.1.1.a`, `T.1`… */
  code: string;
  title: string;
  /** A row whose meaning depends on the unit's kind (4203's 8.3.1). */
  titleByUnitKind?: Partial<Record<SetUnitKind, string>>;
  /** Hundredths of a point. A group's is the sum of its children's. */
  maxPoints: Hundredths;
  kind: NodeKind;
  /** `choice` only. */
  options?: ChoiceOption[];
  /** "Cách thức, phương pháp đánh giá", shown beside the row. */
  guidance?: string;
  /** Drives a warning at submission and a report's list; never blocks. */
  evidenceRequired?: boolean;
  notApplicableAllowed: boolean;
  children: FrameworkDocNode[];
}

export interface CriteriaSet {
  id: string;
  title: string;
  unitKinds: SetUnitKind[];
  /** The areas (top-level rows) of the main criteria. */
  items: FrameworkDocNode[];
}

export interface PointsGroup {
  /** Hundredths of a point: at most this much of the group's rows counts. */
  cap: Hundredths;
  items: FrameworkDocNode[];
}

export interface DocClassBand {
  /** 4203's codes (`xuat-sac`…) or the framework's own. */
  class: string;
  label: string;
  /** Lowest figure of the band (inclusive), in hundredths of the display scale. */
  minIndex: Hundredths;
}

export interface Decision {
  number: string;
  /** ISO date, yyyy-mm-dd. */
  date: string;
  signer: string;
}

export interface FrameworkDocument {
  id: string;
  title: string;
  decision?: Decision;
  years: number[];
  status: FrameworkStatus;
  version: number;
  /** The framework this one was copied from. */
  basedOn?: string;
  display: 'points' | 'percent';
  classBands: DocClassBand[];
  notApplicablePolicy: 'rescale' | 'full';
  /** Hundredths of a point: what every set's areas sum to. */
  total: Hundredths;
  sets: CriteriaSet[];
  bonus?: PointsGroup;
  penalty?: PointsGroup;
}

/** Every node of a list of trees, parents before children, in the document's order. */
export function* walk(items: readonly FrameworkDocNode[]): Generator<FrameworkDocNode> {
  for (const n of items) {
    yield n;
    yield* walk(n.children);
  }
}

/** The set a unit of `kind` is scored against, if any. */
export function setFor(doc: Pick<FrameworkDocument, 'sets'>, kind: SetUnitKind): CriteriaSet | undefined {
  return doc.sets.find((s) => s.unitKinds.includes(kind));
}
