/**
 * The DynamoDB adapter. Single table, keys `pk`/`sk` (layout documented beside the table in
 * infra/stacks/province-stack.ts):
 *   CYCLES                  / CYCLE#<cycleId>                 cycle
 *   CYCLE#<cycleId>         / ASMT#<districtId>#<unitId>      assessment: scores, status, version (one item)
 *   ASMT#<cycleId>#<unitId> / CHG#<version, 10 digits>        audit record: the entries of one change
 *   ASMT#<cycleId>#<unitId> / UPLOAD#<id>                     evidence upload asked for, not yet confirmed
 *   ASMT#<cycleId>#<unitId> / WAIT                            the lifecycle's waiting task token and its step
 *   CYCLE#<cycleId>         / ASSIGN#<districtId>             appraisers' areas, with their change history
 *   CYCLE#<cycleId>         / RANKING#<districtId>            the district's ranking status, with its history
 *   META                    / SEED                            the local demo seed marker
 *
 * There are no transactions (dynalite has none), so a change is two writes. First the assessment item
 * moves from version v to v+1 with one conditional put (only one writer can win; the item also carries
 * the change's audit entries as `lastChange`); then the audit record CHG#v+1 is written. If a crash
 * falls between the two, nothing is lost: the audit read takes the entries from `lastChange`, and the
 * next writer writes the missing record. Every read (one item, or a whole district) sees the truth.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Assessment, Change } from '../../shared/assessment.js';
import { StaleVersion } from '../../shared/errors.js';
import type { RankingStatus } from '../../shared/lifecycle.js';
import type { AuditEntry, Cycle } from '../../shared/schemas.js';

/** Which appraiser appraises which areas of a district's communes in a cycle; `history` is its audit. */
export interface Assignments {
  cycleId: string;
  districtId: string;
  version: number;
  appraisers: { id: string; name: string; areas: string[] }[];
  history: AuditEntry[];
}

/** A district's ranking in a cycle (absent = OPEN); `history` is its audit trail. */
export interface RankingRecord {
  cycleId: string;
  districtId: string;
  status: RankingStatus;
  version: number;
  history: AuditEntry[];
}

/** The state machine's current wait for one assessment (functions/lifecycle). */
export interface WaitRecord {
  token: string;
  step: string;
  /** For the submission wait: the deadline its timeout was computed from. */
  deadline?: string;
  registeredAt: string;
}

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

/** The audit entries of one change (one version of the assessment). */
interface ChangeRecord {
  version: number;
  audit: AuditEntry[];
}

type StoredAssessment = Assessment & { lastChange?: ChangeRecord };

const pad = (n: number) => String(n).padStart(10, '0');
const assessmentKey = (a: { cycleId: string; districtId: string; unitId: string }) => ({
  pk: `CYCLE#${a.cycleId}`,
  sk: `ASMT#${a.districtId}#${a.unitId}`,
});
const historyPk = (cycleId: string, unitId: string) => `ASMT#${cycleId}#${unitId}`;

const isConditionFailure = (e: unknown) =>
  e instanceof ConditionalCheckFailedException || (e as { name?: string })?.name === 'ConditionalCheckFailedException';

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export class Store {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  /** Hook for failure-injection tests: called between the assessment write and the audit write. */
  afterApply: ((a: Assessment) => Promise<void>) | undefined;

  async ping(): Promise<void> {
    await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: 'META', sk: 'PING' } }));
  }

  // ---- cycles ----
  async listCycles(): Promise<Cycle[]> {
    const items = await this.queryAll({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'CYCLES' } });
    return items.map((i) => strip<Cycle>(i)!).sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  }

  async getCycle(id: string): Promise<Cycle | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: 'CYCLES', sk: `CYCLE#${id}` } }));
    return strip<Cycle>(r.Item);
  }

  /** false when a cycle with that id already exists. */
  async putCycleIfAbsent(c: Cycle): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { pk: 'CYCLES', sk: `CYCLE#${c.id}`, ...c }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  // ---- assessments ----
  /** Creates an assessment at version 0 unless it exists; its creation is the first audit record. */
  async createAssessmentIfAbsent(a: Assessment, audit: AuditEntry[]): Promise<void> {
    const lastChange: ChangeRecord = { version: 0, audit };
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { ...assessmentKey(a), ...a, lastChange }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      return;
    }
    await this.writeAudit(a.cycleId, a.unitId, [lastChange]);
  }

  async getAssessment(cycleId: string, districtId: string, unitId: string): Promise<Assessment | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: assessmentKey({ cycleId, districtId, unitId }), ConsistentRead: true }));
    return strip<StoredAssessment>(r.Item);
  }

  /** Every assessment of a cycle, or of one district of it. */
  async listAssessments(cycleId: string, districtId?: string): Promise<Assessment[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}`, ':prefix': districtId ? `ASMT#${districtId}#` : 'ASMT#' },
    });
    return items.map((i) => strip<Assessment>(i)!);
  }

  /**
   * Reads the assessment, lets `decide` compute the change, and writes it: first the assessment item
   * (conditional on the version read, and carrying the change's audit entries as `lastChange`), then
   * the audit record. When another writer got there first, re-reads and decides again: `decide` sees
   * the newer state and either merges (different rows) or throws StaleVersion (same rows).
   */
  async update(cycleId: string, districtId: string, unitId: string, decide: (current: Assessment) => Change): Promise<Change> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const current = (await this.getAssessment(cycleId, districtId, unitId)) as StoredAssessment | undefined;
      if (!current) throw new Error(`assessment ${cycleId}/${unitId} missing`);
      const change = decide(current);
      if (change.next === current) return change;
      const lastChange: ChangeRecord = { version: change.next.version, audit: change.audit };
      const { lastChange: _previous, ...next } = change.next as StoredAssessment;
      if (await this.putIfVersion({ ...next, lastChange }, current.version)) {
        if (this.afterApply) await this.afterApply(change.next);
        // The previous change's record too: its writer may have stopped before writing it.
        await this.writeAudit(cycleId, unitId, current.lastChange ? [current.lastChange, lastChange] : [lastChange]);
        return change;
      }
      // Lost the race: another change went in. Back off a little (jittered) and merge onto it.
      if (attempt >= 100 || Date.now() - started > 5000)
        throw new StaleVersion('Hồ sơ đang được nhiều người cập nhật cùng lúc; vui lòng thử lại.');
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 + attempt * 2)));
    }
  }

  /**
   * Every audit entry of an assessment, oldest first. The assessment item's `lastChange` fills in a
   * record its writer did not get to write.
   */
  async audit(cycleId: string, districtId: string, unitId: string): Promise<AuditEntry[]> {
    const [records, item] = await Promise.all([
      this.queryAll({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': historyPk(cycleId, unitId), ':prefix': 'CHG#' },
        ConsistentRead: true,
      }),
      this.db.send(
        new GetCommand({ TableName: this.table, Key: assessmentKey({ cycleId, districtId, unitId }), ProjectionExpression: 'lastChange', ConsistentRead: true }),
      ),
    ]);
    const changes = records.map((r) => strip<ChangeRecord>(r)!);
    const last = (item.Item as { lastChange?: ChangeRecord } | undefined)?.lastChange;
    if (last && !changes.some((c) => c.version === last.version)) changes.push(last);
    return changes.sort((a, b) => a.version - b.version).flatMap((c) => c.audit);
  }

  private async putIfVersion(item: StoredAssessment, version: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...assessmentKey(item), ...item },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  /** Writes audit records (idempotent: the same version always carries the same entries). */
  private async writeAudit(cycleId: string, unitId: string, records: ChangeRecord[]): Promise<void> {
    let pending: Record<string, unknown>[] = records.map((c) => ({
      PutRequest: { Item: { pk: historyPk(cycleId, unitId), sk: `CHG#${pad(c.version)}`, ...c } },
    }));
    for (let i = 0; pending.length > 0; i++) {
      const r = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending as never } }));
      pending = (r.UnprocessedItems?.[this.table] as Record<string, unknown>[] | undefined) ?? [];
      if (pending.length > 0 && i >= 5) throw new Error('audit write throttled');
      if (pending.length > 0) await new Promise((res) => setTimeout(res, 20 * 2 ** i));
    }
  }

  // ---- evidence uploads ----
  async putUpload(u: PendingUpload): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: historyPk(u.cycleId, u.unitId), sk: `UPLOAD#${u.id}`, ...u } }));
  }

  async getUpload(cycleId: string, unitId: string, id: string): Promise<PendingUpload | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: historyPk(cycleId, unitId), sk: `UPLOAD#${id}` }, ConsistentRead: true }));
    return strip<PendingUpload>(r.Item);
  }

  async deleteUpload(cycleId: string, unitId: string, id: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: historyPk(cycleId, unitId), sk: `UPLOAD#${id}` } }));
  }

  // ---- appraisal assignments ----
  async getAssignments(cycleId: string, districtId: string): Promise<Assignments | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `CYCLE#${cycleId}`, sk: `ASSIGN#${districtId}` }, ConsistentRead: true }));
    return strip<Assignments>(r.Item);
  }

  /** Writes the next version of the assignments if the stored one is still `expectedVersion`. */
  async putAssignments(next: Assignments, expectedVersion: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `CYCLE#${next.cycleId}`, sk: `ASSIGN#${next.districtId}`, ...next },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  // ---- district rankings ----
  async getRanking(cycleId: string, districtId: string): Promise<RankingRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `CYCLE#${cycleId}`, sk: `RANKING#${districtId}` }, ConsistentRead: true }));
    return strip<RankingRecord>(r.Item);
  }

  async listRankings(cycleId: string): Promise<RankingRecord[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}`, ':prefix': 'RANKING#' },
    });
    return items.map((i) => strip<RankingRecord>(i)!);
  }

  /** Writes the next version of a ranking if the stored one is still at `expectedVersion` (0 = none yet). */
  async putRanking(next: RankingRecord, expectedVersion: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `CYCLE#${next.cycleId}`, sk: `RANKING#${next.districtId}`, ...next },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  // ---- lifecycle waits ----
  async putWait(cycleId: string, unitId: string, w: WaitRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: historyPk(cycleId, unitId), sk: 'WAIT', ...w } }));
  }

  async getWait(cycleId: string, unitId: string): Promise<WaitRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: historyPk(cycleId, unitId), sk: 'WAIT' }, ConsistentRead: true }));
    return strip<WaitRecord>(r.Item);
  }

  /** Removes the wait only if it is still the one with this token (a newer registration stays). */
  async deleteWait(cycleId: string, unitId: string, token: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: historyPk(cycleId, unitId), sk: 'WAIT' },
          ConditionExpression: '#t = :t',
          ExpressionAttributeNames: { '#t': 'token' },
          ExpressionAttributeValues: { ':t': token },
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }

  // ---- misc ----
  async getMeta(sk: string): Promise<Record<string, unknown> | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: 'META', sk } }));
    return strip(r.Item);
  }

  async putMeta(sk: string, value: Record<string, unknown>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: 'META', sk, ...value } }));
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      out.push(...(r.Items ?? []));
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
