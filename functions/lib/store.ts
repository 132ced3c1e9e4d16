/**
 * The DynamoDB adapter. Single table, keys `pk`/`sk` (layout documented beside the table in
 * infra/stacks/province-stack.ts):
 *   CYCLES                  / CYCLE#<cycleId>                 cycle
 *   CYCLE#<cycleId>         / ASMT#<districtId>#<unitId>      assessment: scores, status, version (one item)
 *   ASMT#<cycleId>#<unitId> / CHG#<version, 10 digits>        change record: audit entries + the state after it
 *   ASMT#<cycleId>#<unitId> / UPLOAD#<id>                     evidence upload asked for, not yet confirmed
 *   ASMT#<cycleId>#<unitId> / WAIT                            the lifecycle's waiting task token and its step
 *   CYCLE#<cycleId>         / ASSIGN#<districtId>             appraisers' areas, with their change history
 *   META                    / SEED                            the local demo seed marker
 *
 * There are no transactions (dynalite has none), so a change is two single-item conditional writes:
 * first the change record for version v+1 is claimed (put if absent) — only one writer can claim it —
 * then the assessment item moves from v to v+1. If a crash falls between the two, whoever next reads
 * the assessment finds the claimed change and applies it. Nothing is ever half-done for longer than
 * the next read, and the audit trail never misses a change.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Assessment, Change } from '../../shared/assessment.js';
import { StaleVersion } from '../../shared/errors.js';
import type { AuditEntry, Cycle } from '../../shared/schemas.js';

/** Which appraiser appraises which areas of a district's communes in a cycle; `history` is its audit. */
export interface Assignments {
  cycleId: string;
  districtId: string;
  version: number;
  appraisers: { id: string; name: string; areas: string[] }[];
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

interface ChangeRecord {
  version: number;
  audit: AuditEntry[];
  after: Assessment;
}

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

  /** Hook for failure-injection tests: called between the claim and the apply of a change. */
  afterClaim: ((a: Assessment) => Promise<void>) | undefined;

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
  /** Creates an assessment at version 0 unless it exists; its creation is the first change record. */
  async createAssessmentIfAbsent(a: Assessment, audit: AuditEntry[]): Promise<void> {
    await this.putChangeIfAbsent({ version: 0, audit, after: a });
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { ...assessmentKey(a), ...a }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }

  async getAssessment(cycleId: string, districtId: string, unitId: string): Promise<Assessment | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: assessmentKey({ cycleId, districtId, unitId }), ConsistentRead: true }));
    const item = strip<Assessment>(r.Item);
    const pending = await this.latestChange(cycleId, unitId);
    if (pending && (!item || pending.version === item.version + 1)) return this.applyClaimed(item, pending);
    return item;
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
   * Reads the assessment, lets `decide` compute the change, and commits it (claim, then apply). When
   * another writer got there first, re-reads and decides again: `decide` sees the newer state and
   * either merges (different rows) or throws StaleVersion (same rows).
   */
  async update(cycleId: string, districtId: string, unitId: string, decide: (current: Assessment) => Change, attempts = 8): Promise<Change> {
    for (let i = 0; i < attempts; i++) {
      const current = await this.getAssessment(cycleId, districtId, unitId);
      if (!current) throw new Error(`assessment ${cycleId}/${unitId} missing`);
      const change = decide(current);
      if (change.next === current) return change;
      if (!(await this.putChangeIfAbsent({ version: change.next.version, audit: change.audit, after: change.next }))) continue;
      if (this.afterClaim) await this.afterClaim(change.next);
      await this.applyClaimed(current, { version: change.next.version, audit: change.audit, after: change.next });
      return change;
    }
    throw new StaleVersion('Hồ sơ đang được nhiều người cập nhật cùng lúc; vui lòng thử lại.');
  }

  async audit(cycleId: string, unitId: string): Promise<AuditEntry[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': historyPk(cycleId, unitId), ':prefix': 'CHG#' },
      ProjectionExpression: 'audit',
    });
    return items.flatMap((i) => (i.audit as AuditEntry[]) ?? []);
  }

  private async latestChange(cycleId: string, unitId: string): Promise<ChangeRecord | undefined> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': historyPk(cycleId, unitId), ':prefix': 'CHG#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return strip<ChangeRecord>(r.Items?.[0]);
  }

  private async putChangeIfAbsent(c: ChangeRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: historyPk(c.after.cycleId, c.after.unitId), sk: `CHG#${pad(c.version)}`, ...c },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  /** Moves the assessment item to a claimed change's state; a no-op if someone already did. */
  private async applyClaimed(current: Assessment | undefined, c: ChangeRecord): Promise<Assessment> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...assessmentKey(c.after), ...c.after },
          ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(pk)',
          ...(current ? { ExpressionAttributeValues: { ':v': current.version } } : {}),
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
    return c.after;
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
