/**
 * The storage port: what the handlers, the lifecycle and the local stack ask of storage, and the records
 * it keeps beside the assessments. functions/lib/store.ts implements it over one DynamoDB table (its key
 * layout: functions/lib/store/keys.ts).
 */
import type { Assessment, AssessmentFigures, Change } from './assessment.js';
import type { RankingStatus } from './lifecycle.js';
import type { RankingDecision } from './ranking.js';
import type { AuditEntry, Cycle } from './schemas.js';

/** Which appraiser appraises which areas of a district's communes in a cycle; `history` is its audit. */
export interface Assignments {
  cycleId: string;
  districtId: string;
  version: number;
  /** `communes`: only these communes of the appraising unit (absent: every one). */
  appraisers: { id: string; name: string; areas: string[]; communes?: string[] }[];
  history: AuditEntry[];
}

/** A district's ranking in a cycle (absent = OPEN); `history` is its audit trail. */
export interface RankingRecord {
  cycleId: string;
  districtId: string;
  status: RankingStatus;
  version: number;
  history: AuditEntry[];
  /** The approving decision's number and date, as given at approval (absent: not given). */
  decision?: RankingDecision;
}

/** The state machine's current wait for one assessment (functions/lifecycle). */
export interface WaitRecord {
  token: string;
  step: string;
  /** For the submission wait: the deadline its timeout was computed from. */
  deadline?: string;
  registeredAt: string;
}

/** An evidence upload asked for (a presigned URL handed out) and not yet confirmed. */
export interface PendingUpload {
  id: string;
  cycleId: string;
  unitId: string;
  code: string;
  fileName: string;
  contentType: string;
  size: number;
  key: string;
  by: string;
  createdAt: string;
}

export interface StorePort {
  /** Answers once storage is reachable (the health check). */
  ping(): Promise<void>;

  listCycles(): Promise<Cycle[]>;
  getCycle(id: string): Promise<Cycle | undefined>;
  /** false when a cycle with that id already exists. */
  putCycleIfAbsent(c: Cycle): Promise<boolean>;

  /** Creates an assessment at version 0 unless it exists; its creation is the first audit record. */
  createAssessmentIfAbsent(a: Assessment, audit: AuditEntry[]): Promise<void>;
  getAssessment(cycleId: string, districtId: string, unitId: string): Promise<Assessment | undefined>;
  /** Every assessment of a cycle, or of one district of it (whole items: texts and evidence too). */
  listAssessments(cycleId: string, districtId?: string): Promise<Assessment[]>;
  /**
   * The compact summaries (figures only) of these communes of a cycle, each with its appraising unit:
   * what every list, ranking, consolidated view and spreadsheet reads.
   */
  listSummaries(cycleId: string, communes: readonly { districtId: string; id: string }[]): Promise<AssessmentFigures[]>;
  /**
   * Reads the assessment, lets `decide` compute the change and writes it with its audit entries;
   * `decide` runs again on the newer state when another writer got there first (it may merge or throw).
   * A change whose `next` is the state it was given is not written. `opts.rows`: the change touches
   * only these rows, so `decide` is given them whole and the others' points only (no texts); its
   * `next` then holds no more.
   */
  update(
    cycleId: string,
    districtId: string,
    unitId: string,
    decide: (current: Assessment) => Change,
    opts?: { rows?: readonly string[] },
  ): Promise<Change>;
  /** Every audit entry of an assessment, oldest first. */
  audit(cycleId: string, districtId: string, unitId: string): Promise<AuditEntry[]>;

  putUpload(u: PendingUpload): Promise<void>;
  getUpload(cycleId: string, unitId: string, id: string): Promise<PendingUpload | undefined>;
  deleteUpload(cycleId: string, unitId: string, id: string): Promise<void>;

  getAssignments(cycleId: string, districtId: string): Promise<Assignments | undefined>;
  /** Writes `next` if the stored version is still `expectedVersion` (0 = none yet); false otherwise. */
  putAssignments(next: Assignments, expectedVersion: number): Promise<boolean>;
  getRanking(cycleId: string, districtId: string): Promise<RankingRecord | undefined>;
  /** Writes `next` if the stored version is still `expectedVersion` (0 = none yet); false otherwise. */
  putRanking(next: RankingRecord, expectedVersion: number): Promise<boolean>;
  listRankings(cycleId: string): Promise<RankingRecord[]>;

  putWait(cycleId: string, unitId: string, w: WaitRecord): Promise<void>;
  getWait(cycleId: string, unitId: string): Promise<WaitRecord | undefined>;
  /** Removes the wait only if it is still the one with this token (a newer registration stays). */
  deleteWait(cycleId: string, unitId: string, token: string): Promise<void>;

  getMeta(sk: string): Promise<Record<string, unknown> | undefined>;
  putMeta(sk: string, value: Record<string, unknown>): Promise<void>;
}
