/**
 * The zod schema of a stored framework document (model.ts holds its types and helpers, without zod, for
 * the web). The schema checks the shape only (a draft may be inconsistent while it is edited); whether
 * the document is consistent is `validateFramework` (validate.ts).
 */
import * as z from 'zod';
import { FRAMEWORK_STATUSES, NODE_KINDS, SET_UNIT_KINDS, type FrameworkDocNode, type FrameworkDocument } from './model.js';

export * from './model.js';

const hundredths = z.number().int();
const setUnitKind = z.enum(SET_UNIT_KINDS);

export const frameworkDocNode: z.ZodType<FrameworkDocNode> = z.lazy(() =>
  z.strictObject({
    code: z.string(),
    title: z.string(),
    titleByUnitKind: z.partialRecord(setUnitKind, z.string()).optional(),
    maxPoints: hundredths,
    kind: z.enum(NODE_KINDS),
    options: z.array(z.strictObject({ label: z.string(), points: hundredths })).optional(),
    guidance: z.string().optional(),
    evidenceRequired: z.boolean().optional(),
    notApplicableAllowed: z.boolean(),
    children: z.array(frameworkDocNode),
  }),
) as z.ZodType<FrameworkDocNode>;

const pointsGroup = z.strictObject({ cap: hundredths, items: z.array(frameworkDocNode) });

export const frameworkDocument = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  decision: z.strictObject({ number: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), signer: z.string() }).optional(),
  years: z.array(z.number().int()),
  status: z.enum(FRAMEWORK_STATUSES),
  version: z.number().int().min(1),
  basedOn: z.string().optional(),
  display: z.enum(['points', 'percent']),
  classBands: z.array(z.strictObject({ class: z.string(), label: z.string(), minIndex: hundredths })),
  notApplicablePolicy: z.enum(['rescale', 'full']),
  total: hundredths,
  sets: z.array(
    z.strictObject({ id: z.string(), title: z.string(), unitKinds: z.array(setUnitKind), items: z.array(frameworkDocNode) }),
  ),
  bonus: pointsGroup.optional(),
  penalty: pointsGroup.optional(),
}) satisfies z.ZodType<FrameworkDocument>;
