/**
 * The DynamoDB adapter of the storage port (shared/store.ts): one table, its key layout documented in
 * store/keys.ts. This class only composes the modules under store/, so that callers hold one object.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Assessment, AssessmentFigures, Change } from '../../shared/assessment.js';
import type { AuditEntry, Cycle } from '../../shared/schemas.js';
import type { Assignments, PendingUpload, RankingRecord, StorePort, WaitRecord } from '../../shared/store.js';
import { createAssessmentIfAbsent, getAssessment, listAssessments, updateAssessment } from './store/assessments.js';
import { readAudit } from './store/audit.js';
import {
  getCycle,
  getCycleOrganisation,
  getMeta,
  listCycles,
  ping,
  putCycleIfAbsent,
  putCycleOrganisationIfAbsent,
  putMeta,
} from './store/cycles.js';
import {
  getCycleFramework,
  getFrameworkDoc,
  listFrameworkDocs,
  putCycleFrameworkIfAbsent,
  putFrameworkDoc,
  type StoredFramework,
} from './store/frameworks.js';
import type { FrameworkDocument } from '../../shared/frameworks/document.js';
import { ensureCycleFramework } from './cycle-frameworks.js';
import { getDistrictRecord, listDistrictRecords, putDistrictRecord } from './store/district-records.js';
import { listSummaries } from './store/summaries.js';
import type { Table } from './store/table.js';
import { deleteUpload, getUpload, putUpload } from './store/uploads.js';
import { deleteWait, getWait, putWait } from './store/waits.js';

export type { Assignments, PendingUpload, RankingRecord, WaitRecord } from '../../shared/store.js';

export class Store implements StorePort, Table {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Hook for failure-injection tests: called between the assessment write and the audit write. */
  afterApply: ((a: Assessment) => Promise<void>) | undefined;

  ping(): Promise<void> {
    return ping(this);
  }

  /** Every cycle, each with its framework read (registered) before it is answered. */
  async listCycles(): Promise<Cycle[]> {
    const cycles = await listCycles(this);
    await Promise.all(cycles.map((c) => ensureCycleFramework(this, c)));
    return cycles;
  }

  /** A cycle, with its framework read (registered) before it is answered. */
  async getCycle(id: string): Promise<Cycle | undefined> {
    const c = await getCycle(this, id);
    if (c) await ensureCycleFramework(this, c);
    return c;
  }

  getFrameworkDoc(id: string): Promise<StoredFramework | undefined> {
    return getFrameworkDoc(this, id);
  }

  listFrameworkDocs(): Promise<StoredFramework[]> {
    return listFrameworkDocs(this);
  }

  putFrameworkDoc(f: StoredFramework, expectedVersion: number | undefined): Promise<boolean> {
    return putFrameworkDoc(this, f, expectedVersion);
  }

  getCycleFramework(cycleId: string): Promise<FrameworkDocument | undefined> {
    return getCycleFramework(this, cycleId);
  }

  putCycleFrameworkIfAbsent(cycleId: string, doc: FrameworkDocument): Promise<FrameworkDocument> {
    return putCycleFrameworkIfAbsent(this, cycleId, doc);
  }

  putCycleIfAbsent(c: Cycle): Promise<boolean> {
    return putCycleIfAbsent(this, c);
  }

  getCycleOrganisation<T>(cycleId: string): Promise<T | undefined> {
    return getCycleOrganisation<T>(this, cycleId);
  }

  putCycleOrganisationIfAbsent<T>(cycleId: string, snapshot: T): Promise<T> {
    return putCycleOrganisationIfAbsent(this, cycleId, snapshot);
  }

  createAssessmentIfAbsent(a: Assessment, audit: AuditEntry[]): Promise<void> {
    return createAssessmentIfAbsent(this, a, audit);
  }

  getAssessment(cycleId: string, districtId: string, unitId: string): Promise<Assessment | undefined> {
    return getAssessment(this, cycleId, districtId, unitId);
  }

  listAssessments(cycleId: string, districtId?: string): Promise<Assessment[]> {
    return listAssessments(this, cycleId, districtId);
  }

  listSummaries(cycleId: string, communes: readonly { districtId: string; id: string }[]): Promise<AssessmentFigures[]> {
    return listSummaries(this, cycleId, communes, (d, u) => this.getAssessment(cycleId, d, u));
  }

  update(
    cycleId: string,
    districtId: string,
    unitId: string,
    decide: (current: Assessment) => Change,
    opts?: { rows?: readonly string[] },
  ): Promise<Change> {
    return updateAssessment(this, cycleId, districtId, unitId, decide, this, opts?.rows);
  }

  audit(cycleId: string, districtId: string, unitId: string): Promise<AuditEntry[]> {
    return readAudit(this, cycleId, districtId, unitId);
  }

  putUpload(u: PendingUpload): Promise<void> {
    return putUpload(this, u);
  }

  getUpload(cycleId: string, unitId: string, id: string): Promise<PendingUpload | undefined> {
    return getUpload(this, cycleId, unitId, id);
  }

  deleteUpload(cycleId: string, unitId: string, id: string): Promise<void> {
    return deleteUpload(this, cycleId, unitId, id);
  }

  getAssignments(cycleId: string, districtId: string): Promise<Assignments | undefined> {
    return getDistrictRecord<Assignments>(this, 'ASSIGN', cycleId, districtId);
  }

  putAssignments(next: Assignments, expectedVersion: number): Promise<boolean> {
    return putDistrictRecord(this, 'ASSIGN', next, expectedVersion);
  }

  getRanking(cycleId: string, districtId: string): Promise<RankingRecord | undefined> {
    return getDistrictRecord<RankingRecord>(this, 'RANKING', cycleId, districtId);
  }

  putRanking(next: RankingRecord, expectedVersion: number): Promise<boolean> {
    return putDistrictRecord(this, 'RANKING', next, expectedVersion);
  }

  listRankings(cycleId: string): Promise<RankingRecord[]> {
    return listDistrictRecords<RankingRecord>(this, 'RANKING', cycleId);
  }

  putWait(cycleId: string, unitId: string, w: WaitRecord): Promise<void> {
    return putWait(this, cycleId, unitId, w);
  }

  getWait(cycleId: string, unitId: string): Promise<WaitRecord | undefined> {
    return getWait(this, cycleId, unitId);
  }

  deleteWait(cycleId: string, unitId: string, token: string): Promise<void> {
    return deleteWait(this, cycleId, unitId, token);
  }

  getMeta(sk: string): Promise<Record<string, unknown> | undefined> {
    return getMeta(this, sk);
  }

  putMeta(sk: string, value: Record<string, unknown>): Promise<void> {
    return putMeta(this, sk, value);
  }
}
