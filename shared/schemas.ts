/** zod schemas of every request and response in API.md; the handlers parse with them, the web types from them. */
import * as z from 'zod';
import vi from 'zod/v4/locales/vi.js';
import { ASSESSMENT_STATUSES, RANKING_STATUSES } from './lifecycle.js';
import { ROLES } from './permissions.js';
import { ALLOWED_EVIDENCE_TYPES, type EvidenceContentType } from './evidence.js';
import { isWholeHundredths } from './points.js';
import { UNIT_KINDS } from './framework.js';

// Every message a user can read is Vietnamese (DESIGN §4): zod's own messages (wrong type, unknown key,
// too small…) default to its Vietnamese locale; the common cases below carry their own wording.
z.config(vi());

export const points = z
  .number({ error: 'Điểm phải là một số' })
  .min(0, { error: 'Điểm không được âm' })
  .max(1000)
  .refine(isWholeHundredths, { error: 'Điểm có tối đa hai chữ số thập phân' });

export const version = z.number().int().min(0);
/** A row's code as its framework writes it (`I`, `1.1`, `1.1.1.a`, `T.1`); whether the cycle's framework has it is the handler's check. */
export const code = z
  .string()
  .max(40, { error: 'Mã tiêu chí không hợp lệ' })
  .regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, { error: 'Mã tiêu chí không hợp lệ' });
/** Rows keyed by code; a bad key is reported as a bad code (zod would say "invalid key in record"). */
const byCode = <T extends z.ZodType>(row: T) =>
  z.record(code, row, { error: (iss) => (iss.code === 'invalid_key' ? 'Mã tiêu chí không hợp lệ' : undefined) });
export const classCode = z.enum(['xuat-sac', 'tot', 'kha', 'trung-binh', 'yeu']);
export const unitKind = z.enum(UNIT_KINDS);
export const role = z.enum(ROLES);
export const assessmentStatus = z.enum(ASSESSMENT_STATUSES);
export const rankingStatus = z.enum(RANKING_STATUSES);
export const isoDateTime = z.iso.datetime({ offset: true, error: 'Thời điểm phải theo định dạng ISO 8601' });
const text = (max: number) => z.string().max(max, { error: `Tối đa ${max} ký tự` });

// ---- requests ----
export const devTokenRequest = z.strictObject({
  role,
  unitId: z.string().min(1).optional(),
  /** A user of the local directory (local/users.ts): the token carries their e-mail and name. */
  email: z.string().trim().min(3).max(200).optional(),
  areas: z.array(code).max(100).optional(),
  name: text(120).optional(),
});

export const createCycleRequest = z.strictObject({
  year: z.number().int().min(2020).max(2100),
  frameworkId: z.string().min(1),
  selfAssessmentDeadline: isoDateTime,
  /** The organisation the cycle runs under (provinces/); default the province's current one. */
  organisationId: z.string().min(1).max(100).optional(),
});

export const selfRowInput = z.strictObject({
  score: points.nullable().optional(),
  notApplicable: z.boolean().optional(),
  explanation: text(4000).optional(),
});
export const saveSelfRequest = z.strictObject({
  version,
  items: byCode(selfRowInput).refine((o) => Object.keys(o).length > 0, { error: 'Không có dòng nào để lưu' }),
});

export const appraisalRowInput = z.strictObject({
  score: points.nullable().optional(),
  comment: text(4000).optional(),
});
export const saveAppraisalRequest = z.strictObject({
  version,
  items: byCode(appraisalRowInput).refine((o) => Object.keys(o).length > 0, { error: 'Không có dòng nào để lưu' }),
});

export const versionRequest = z.strictObject({ version });
/** PUT …/survey: the points of the framework's `survey` rows, set by the council's secretary. */
export const saveSurveyRequest = z.strictObject({
  version,
  items: byCode(z.strictObject({ score: points.nullable() })).refine((o) => Object.keys(o).length > 0, {
    error: 'Không có dòng nào để lưu',
  }),
});
export const returnRequest = z.strictObject({
  version,
  reason: z.string().trim().min(1, { error: 'Cần nêu lý do trả lại' }).max(4000),
  /** The commune's deadline for its clarification (as POST …/deadline sets it); none: no deadline. */
  deadline: isoDateTime.optional(),
});

export { ALLOWED_EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, type EvidenceContentType } from './evidence.js';

export const evidenceRequest = z.strictObject({
  code,
  fileName: z.string().trim().min(1).max(255),
  contentType: z.enum(Object.keys(ALLOWED_EVIDENCE_TYPES) as [EvidenceContentType, ...EvidenceContentType[]], {
    error: 'Loại tệp không được phép (chỉ PDF, ảnh, tài liệu Office, âm thanh, video)',
  }),
  size: z.number().int().min(1, { error: 'Tệp rỗng' }),
});

// ---- responses ----
export { errorBody } from './api/error.js';

export const appraisingLevel = z.enum(['district', 'province']);
export const rankingBlock = z.object({ id: z.string(), label: z.string(), kinds: z.array(unitKind) });
export const unitCommune = z.object({
  id: z.string(),
  name: z.string(),
  kind: unitKind,
  /** The official code, where the configuration has one. */
  code: z.string().optional(),
  /** Ids of the previous organisation's units this merged commune was formed from. */
  formedFrom: z.array(z.string()).optional(),
  /** The earlier organisation's district it (mostly) lay in; province-level organisations only. */
  formerDistrictId: z.string().optional(),
});
export const unitsResponse = z.object({
  province: z.object({ id: z.string(), name: z.string() }),
  organisationId: z.string(),
  appraisingLevel,
  /** The districts in a district-level cycle; one entry, the province itself, in a province-level one. */
  appraisingUnits: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Every assessed unit of the appraising unit: its communes, and its departments (kind `department`), by which the screens find their names. */
      communes: z.array(unitCommune),
      /** The departments (sở, ban, ngành) among them, assessed beside the communes (province-level organisations only). */
      departments: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    }),
  ),
  /** Ranking blocks (by unit kind); one block `all` by default. */
  rankingBlocks: z.array(rankingBlock),
  /**
   * The districts the communes name as `formerDistrictId` (a province-level organisation), from the
   * earlier organisations, Bắc Kạn's kept for history among them: what a screen names them by.
   */
  formerDistricts: z.array(z.object({ id: z.string(), name: z.string() })),
  /**
   * The organisations a new cycle may open on (not those kept only for history), oldest first; the
   * current one is `current`. What "Mở kỳ đánh giá" offers.
   */
  organisations: z.array(
    z.object({ id: z.string(), label: z.string(), validFrom: z.string(), appraisingLevel, current: z.boolean() }),
  ),
  /** As before: the districts and their communes; empty in a province-level cycle. */
  districts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      communes: z.array(z.object({ id: z.string(), name: z.string(), kind: unitKind })),
    }),
  ),
});

// A framework's body: shared/frameworks/wire.ts.

export const cycle = z.object({
  id: z.string(),
  year: z.number(),
  frameworkId: z.string(),
  selfAssessmentDeadline: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
  /** The organisation fixed when the cycle opened. */
  organisationId: z.string(),
  appraisingLevel,
});
export const cyclesResponse = z.array(cycle);

const sideSummary = z.object({ points: z.number(), index: z.number(), percent: z.number(), class: classCode });
export const assessmentSummary = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind,
  /** The district (district-level cycle) or the province (province-level cycle) that appraises it. */
  appraisingUnitId: z.string(),
  /** Same as appraisingUnitId: the district in a district-level cycle, the province's id in a province-level one. */
  districtId: z.string(),
  status: assessmentStatus,
  version: z.number(),
  progress: z.object({ scored: z.number(), applicable: z.number() }),
  selfLocked: z.boolean(),
  late: z.boolean(),
  deadline: z.string().optional(),
  submittedAt: z.string().optional(),
  self: sideSummary,
  appraised: sideSummary,
});
export const assessmentListResponse = z.array(assessmentSummary);

export const evidence = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
export const assessmentRow = z.object({
  selfScore: z.number().nullable(),
  appraisedScore: z.number().nullable(),
  notApplicable: z.boolean(),
  explanation: z.string(),
  appraisalComment: z.string(),
  evidence: z.array(evidence),
});
/**
 * One side's totals (API.md, "Frameworks as data"): `main` the main criteria's points, `bonus` and
 * `penalty` after their caps, `points` = clamp(main + bonus − penalty), `index` the index on the
 * framework's total, `percent` the index in percent; `class` follows the figure the framework displays.
 */
const sideTotals = z.object({
  points: z.number(),
  applicableMax: z.number(),
  index: z.number(),
  class: classCode,
  main: z.number(),
  bonus: z.number(),
  penalty: z.number(),
  percent: z.number(),
});
export const assessmentResponse = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitKind,
  /** The district (district-level cycle) or the province (province-level cycle) that appraises it. */
  appraisingUnitId: z.string(),
  /** Same as appraisingUnitId: the district in a district-level cycle, the province's id in a province-level one. */
  districtId: z.string(),
  frameworkId: z.string(),
  status: assessmentStatus,
  selfLocked: z.boolean(),
  version: z.number(),
  returnReason: z.string().optional(),
  submittedAt: z.string().optional(),
  /** This commune's own self-assessment deadline (an extension), when the district set one. */
  deadline: z.string().optional(),
  /** Taken into appraisal after the deadline, as it stood. */
  late: z.boolean().optional(),
  items: z.record(z.string(), assessmentRow),
  totals: z.object({
    self: sideTotals,
    appraised: sideTotals,
    areas: z.record(
      z.string(),
      z.object({ self: z.number(), appraised: z.number(), max: z.number(), achievementPct: z.number() }),
    ),
  }),
});

/**
 * The answer of a row save (PUT …/self, PUT …/appraisal): the assessment's identity and head, the new
 * totals, and in `items` only the rows the request named (each as in assessmentResponse); the client
 * already holds the others.
 */
export const rowSaveResponse = assessmentResponse.pick({
  cycleId: true,
  unitId: true,
  status: true,
  selfLocked: true,
  version: true,
  returnReason: true,
  submittedAt: true,
  deadline: true,
  late: true,
  items: true,
  totals: true,
});

export const evidenceUploadResponse = z.object({
  id: z.string(),
  upload: z.object({
    url: z.string(),
    method: z.enum(['PUT', 'POST']),
    headers: z.record(z.string(), z.string()).optional(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export const auditEntry = z.object({
  at: z.string(),
  by: z.string(),
  role: z.string(),
  action: z.string(),
  code: z.string().optional(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  /**
   * The assessment's version this entry's change made (GET …/audit): the entries of one change (one
   * bulk save writes one per row) share it. Optional: other histories (the assignments') carry none.
   */
  version: z.number().int().min(0).optional(),
});
export const auditResponse = z.array(auditEntry);

// The ranking, consolidated and public bodies: shared/api/rankings.ts.

export type DevTokenRequest = z.infer<typeof devTokenRequest>;
export type CreateCycleRequest = z.infer<typeof createCycleRequest>;
export type SaveSurveyRequest = z.infer<typeof saveSurveyRequest>;
export type SaveSelfRequest = z.infer<typeof saveSelfRequest>;
export type SaveAppraisalRequest = z.infer<typeof saveAppraisalRequest>;
export type EvidenceRequest = z.infer<typeof evidenceRequest>;
export type AppraisingLevelName = z.infer<typeof appraisingLevel>;
export type RankingBlockBody = z.infer<typeof rankingBlock>;
export type UnitsResponse = z.infer<typeof unitsResponse>;
export type Cycle = z.infer<typeof cycle>;
export type AssessmentSummary = z.infer<typeof assessmentSummary>;
export type AssessmentResponse = z.infer<typeof assessmentResponse>;
export type RowSaveResponse = z.infer<typeof rowSaveResponse>;
export type AssessmentRow = z.infer<typeof assessmentRow>;
export type Evidence = z.infer<typeof evidence>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type EvidenceUploadResponse = z.infer<typeof evidenceUploadResponse>;

// ---- appraisal (issue 3) ----
export const deadlineRequest = z.strictObject({
  version: version.optional(),
  deadline: isoDateTime,
  /** An earlier date than the current deadline is taken only when the request says it shortens it. */
  shorten: z.boolean().optional(),
});
/** An area's code (`I`…, or the bonus group `T` and the penalty group `P`): the cycle's framework says which exist. */
export const areaCode = code;
export const assignmentsRequest = z.strictObject({
  version,
  appraisers: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1).max(200),
        name: z.string().trim().min(1).max(120),
        areas: z.array(areaCode).min(1, { error: 'Cần giao ít nhất một lĩnh vực' }),
        /** Only these communes (default: every commune of the appraising unit). */
        communes: z
          .array(z.string().min(1).max(100))
          .min(1, { error: 'Cần giao ít nhất một đơn vị cấp xã, hoặc bỏ trống để giao tất cả' })
          .max(500)
          .optional(),
      }),
    )
    .max(200)
    .refine((list) => new Set(list.map((a) => a.id)).size === list.length, { error: 'Mỗi thành viên chỉ xuất hiện một lần' }),
});
export const assignmentsResponse = z.object({
  cycleId: z.string(),
  districtId: z.string(),
  version: z.number(),
  appraisers: z.array(
    z.object({ id: z.string(), name: z.string(), areas: z.array(areaCode), communes: z.array(z.string()).optional() }),
  ),
  history: z.array(auditEntry),
});
export type DeadlineRequest = z.infer<typeof deadlineRequest>;
export type AssignmentsRequest = z.infer<typeof assignmentsRequest>;
export type AssignmentsResponse = z.infer<typeof assignmentsResponse>;
