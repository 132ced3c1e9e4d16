/**
 * A framework on the wire (API.md, "Frameworks as data"): points, not hundredths, in `maxPoints`,
 * `options[].points`, `cap`, `totalPoints` and `classBands[].minIndex` (on the display scale: points, or
 * percent). The stored document (model.ts) keeps hundredths; convert.ts is the only conversion (zod-free,
 * for the web). zod schemas for the GET and the PUT.
 */
import * as z from 'zod';
import { isWholeHundredths } from '../points.js';
import { FRAMEWORK_STATUSES, NODE_KINDS, SET_UNIT_KINDS, type NodeKind, type SetUnitKind } from './model.js';

export interface WireNode {
  code: string;
  title: string;
  titleByUnitKind?: Partial<Record<SetUnitKind, string>>;
  maxPoints: number;
  kind: NodeKind;
  options?: { label: string; points: number }[];
  guidance?: string;
  evidenceRequired?: boolean;
  notApplicableAllowed: boolean;
  children: WireNode[];
}

const text = (max: number) => z.string().max(max, { error: `Tối đa ${max} ký tự` });
/** Points with at most two decimals (a draft may hold any such figure; consistency is activation's). */
const wirePoints = z
  .number({ error: 'Điểm phải là một số' })
  .min(-100000)
  .max(100000)
  .refine((x) => isWholeHundredths(Math.abs(x)), { error: 'Điểm có tối đa hai chữ số thập phân' });
const setUnitKind = z.enum(SET_UNIT_KINDS);

export const wireNode: z.ZodType<WireNode> = z.lazy(() =>
  z.strictObject({
    code: text(40),
    title: text(2000),
    titleByUnitKind: z.partialRecord(setUnitKind, text(2000)).optional(),
    maxPoints: wirePoints,
    kind: z.enum(NODE_KINDS),
    options: z
      .array(z.strictObject({ label: text(500), points: wirePoints }))
      .max(20)
      .optional(),
    guidance: text(8000).optional(),
    evidenceRequired: z.boolean().optional(),
    notApplicableAllowed: z.boolean(),
    children: z.array(wireNode).max(500),
  }),
) as z.ZodType<WireNode>;

const pointsGroup = z.strictObject({ cap: wirePoints, items: z.array(wireNode).max(500) });
const decision = z.strictObject({
  number: text(100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày phải theo dạng yyyy-mm-dd' }),
  signer: text(200),
});
export const classBandWire = z.strictObject({
  class: z.enum(['xuat-sac', 'tot', 'kha', 'trung-binh', 'yeu']),
  label: text(100),
  minIndex: wirePoints,
});

/** What a PUT sends as `definition`: the GET without `id`, `status`, `version` (and `items`, which `sets` replaces). */
export const frameworkDefinition = z.strictObject({
  title: text(500).min(1, { error: 'Bộ tiêu chí cần có tên' }),
  decision: decision.optional(),
  years: z.array(z.number().int().min(2000).max(2100)).max(10),
  basedOn: text(100).optional(),
  display: z.enum(['points', 'percent']),
  classBands: z.array(classBandWire).min(1).max(5),
  notApplicablePolicy: z.enum(['rescale', 'full']),
  totalPoints: wirePoints,
  sets: z
    .array(
      z.strictObject({
        id: text(40).min(1),
        title: text(500),
        unitKinds: z.array(setUnitKind),
        items: z.array(wireNode).max(500),
      }),
    )
    .min(1)
    .max(5),
  bonus: pointsGroup.optional(),
  penalty: pointsGroup.optional(),
});
export type FrameworkDefinitionWire = z.infer<typeof frameworkDefinition>;

export const frameworkStatus = z.enum(FRAMEWORK_STATUSES);

/** One change to a framework, as its history keeps it (who, when, what, the version it made). */
export const frameworkChange = z.object({
  at: z.string(),
  by: z.string(),
  role: z.string(),
  action: z.enum(['framework.copy', 'framework.import', 'framework.edit', 'framework.activate', 'framework.retire']),
  version: z.number().int(),
  to: z.unknown().optional(),
});
export type FrameworkChange = z.infer<typeof frameworkChange>;

/**
 * GET /api/frameworks/{frameworkId}. `items` is the set that holds `xa` (what the API answered before);
 * `history`, the framework's audit trail, newest last (absent for a framework seeded without one).
 */
export const frameworkResponse = frameworkDefinition.extend({
  id: z.string(),
  status: frameworkStatus,
  version: z.number().int(),
  items: z.array(wireNode),
  history: z.array(frameworkChange).optional(),
});
export type FrameworkResponse = z.infer<typeof frameworkResponse>;

export const frameworkListEntry = z.object({
  id: z.string(),
  title: z.string(),
  status: frameworkStatus,
  version: z.number().int(),
  decision: decision.optional(),
  years: z.array(z.number()),
  basedOn: z.string().optional(),
  display: z.enum(['points', 'percent']),
  /** Cycles that run it (their ids): an active framework with cycles cannot be deleted, only retired. */
  cycles: z.array(z.string()),
});
export const frameworkListResponse = z.array(frameworkListEntry);

const frameworkId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'Mã bộ tiêu chí gồm chữ thường không dấu, số và dấu gạch ngang (2–63 ký tự)' });
export const copyFrameworkRequest = z.strictObject({
  copyFrom: z.string().min(1).max(100),
  id: frameworkId.optional(),
  title: text(500).min(1, { error: 'Bộ tiêu chí cần có tên' }),
});
export const putFrameworkRequest = z.strictObject({ version: z.number().int().min(1), definition: frameworkDefinition });
export const frameworkStepRequest = z.strictObject({ version: z.number().int().min(1) });

export { toWire, fromWire, definitionOfResponse, docOfResponse } from './convert.js';
