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
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Assessment, Change, StoredRow } from '../../shared/assessment.js';
import { NotFound, StaleVersion } from '../../shared/errors.js';
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

/** As read: the item also carries the last change's audit entries (its version is the item's). */
type StoredAssessment = Assessment & { lastChange?: AuditEntry[] };

/** Above this many rows a change is conditioned on the whole item (expressions are limited to 4 KB). */
const ROWS_PER_UPDATE = 24;

/**
 * Row revisions live in top-level attributes (`r:<code>` any change, `rs:` self part, `ra:` appraisal
 * part) so one update can set them to `version + 1` without the row's map having to exist first. The
 * domain sees them as `rows[code].selfRev` / `appraisalRev`; the store keeps `r:` to itself.
 */
const rowRevisions = new WeakMap<Assessment, Record<string, number>>();
const revisionsOf = (a: Assessment) => rowRevisions.get(a) ?? {};

function fromItem(item: Record<string, unknown>): Assessment {
  const { pk: _pk, sk: _sk, ...rest } = item;
  const a = {} as Record<string, unknown>;
  const revs: Record<string, number> = {};
  const rows = { ...((rest.rows as Record<string, StoredRow>) ?? {}) };
  for (const [k, v] of Object.entries(rest)) {
    if (k.startsWith('r:')) revs[k.slice(2)] = v as number;
    else if (k.startsWith('rs:')) rows[k.slice(3)] = { ...rows[k.slice(3)], selfRev: v as number };
    else if (k.startsWith('ra:')) rows[k.slice(3)] = { ...rows[k.slice(3)], appraisalRev: v as number };
    else a[k] = v;
  }
  a.rows = rows;
  rowRevisions.set(a as unknown as Assessment, revs);
  return a as unknown as Assessment;
}

/** The state an UpdateItem produced: the old item with the change's rows and fields, at version + 1. */
function applyWrite(old: StoredAssessment, current: Assessment, change: Change): Assessment {
  const next = change.next;
  const version = old.version + 1;
  const rows = { ...old.rows };
  for (const code of Object.keys(next.rows)) {
    if (next.rows[code] === current.rows[code]) continue;
    const before = current.rows[code] ?? {};
    const after = next.rows[code]!;
    rows[code] = {
      ...after,
      selfRev: after.selfRev !== before.selfRev ? version : old.rows[code]?.selfRev,
      appraisalRev: after.appraisalRev !== before.appraisalRev ? version : old.rows[code]?.appraisalRev,
    };
    if (rows[code]!.selfRev === undefined) delete rows[code]!.selfRev;
    if (rows[code]!.appraisalRev === undefined) delete rows[code]!.appraisalRev;
  }
  const { lastChange: _l, ...base } = old;
  const fields: Record<string, unknown> = { ...base };
  for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (['rows', 'version', 'updatedAt', 'lastChange'].includes(key)) continue;
    const a = (current as unknown as Record<string, unknown>)[key];
    const b = (next as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (b === undefined) delete fields[key];
    else fields[key] = b;
  }
  return { ...(fields as unknown as Assessment), rows, version, updatedAt: next.updatedAt };
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

  /** Hook for failure-injection tests: called between the assessment write and the audit write. */
  afterApply: ((a: Assessment) => Promise<void>) | undefined;

  async ping(): Promise<void> {
    await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: 'META', sk: 'PING' } }));
  }

  // ---- cycles ----
  async listCycles(): Promise<Cycle[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CYCLES' },
    });
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
        new PutCommand({
          TableName: this.table,
          Item: { pk: 'CYCLES', sk: `CYCLE#${c.id}`, ...c },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
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
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...assessmentKey(a), ...a, lastChange: audit },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      return;
    }
    await this.writeAudit(a.cycleId, a.unitId, [{ version: a.version, audit }]);
  }

  async getAssessment(cycleId: string, districtId: string, unitId: string): Promise<Assessment | undefined> {
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: assessmentKey({ cycleId, districtId, unitId }), ConsistentRead: true }),
    );
    return r.Item ? fromItem(r.Item) : undefined;
  }

  /** Every assessment of a cycle, or of one district of it. */
  async listAssessments(cycleId: string, districtId?: string): Promise<Assessment[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}`, ':prefix': districtId ? `ASMT#${districtId}#` : 'ASMT#' },
    });
    return items.map(fromItem);
  }

  /**
   * Reads the assessment, lets `decide` compute the change, and writes it: the assessment item first
   * (carrying the change's audit entries as `lastChange`), then the audit record.
   *
   * A change of a few rows is one UpdateItem conditioned on those rows alone (each row's `r:` revision
   * is what was read), so writers of different rows never wait for one another; a status step or a
   * change of many rows is conditioned on the whole item's version. The rows' revisions are set to the
   * new version inside the same update (`version + 1`), so they are exact however many writers race.
   * When the condition fails (someone changed the same rows, or the status), `decide` runs again on
   * the newer state and either merges or throws StaleVersion.
   */
  async update(cycleId: string, districtId: string, unitId: string, decide: (current: Assessment) => Change): Promise<Change> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const current = await this.getAssessment(cycleId, districtId, unitId);
      if (!current) throw new NotFound('Đơn vị này chưa có hồ sơ trong kỳ đánh giá.');
      const change = decide(current);
      if (change.next === current) return change;
      const old = await this.write(current, change);
      if (old) {
        const next = applyWrite(old, current, change);
        if (this.afterApply) await this.afterApply(next);
        // The previous change's record too: its writer may have stopped before writing it.
        const records = [
          ...(old.lastChange ? [{ version: old.version, audit: old.lastChange }] : []),
          { version: next.version, audit: change.audit },
        ];
        await this.writeAudit(cycleId, unitId, records);
        return { next, audit: change.audit };
      }
      if (Date.now() - started > 10_000)
        throw new StaleVersion('Hồ sơ đang được nhiều người cập nhật cùng lúc; vui lòng thử lại.');
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 2 + attempt * 2)));
    }
  }

  /** One conditional UpdateItem; answers the item as it was before, or undefined if the condition failed. */
  private async write(current: Assessment, change: Change): Promise<StoredAssessment | undefined> {
    const next = change.next;
    const rows = Object.keys(next.rows).filter((c) => next.rows[c] !== current.rows[c]);
    if (rows.length > ROWS_PER_UPDATE) return this.putWhole(current, change, rows);
    const names: Record<string, string> = {
      '#V': 'version',
      '#U': 'updatedAt',
      '#L': 'lastChange',
      ...(rows.length ? { '#R': 'rows' } : {}),
    };
    const values: Record<string, unknown> = { ':o': 1, ':u': next.updatedAt, ':l': change.audit };
    const set = ['#V = #V + :o', '#U = :u', '#L = :l'];
    const remove: string[] = [];
    // Every write holds only in the lifecycle state it was decided in (no edits slip past a submit).
    names['#S'] = 'status';
    names['#X'] = 'selfLocked';
    values[':s'] = current.status;
    values[':x'] = current.selfLocked;
    const conditions = ['attribute_exists(pk)', '#S = :s', '#X = :x'];
    const seen = revisionsOf(current);
    let whole = false;
    rows.forEach((code, i) => {
      const before = current.rows[code] ?? {};
      const after = next.rows[code]!;
      const { selfRev: _s, appraisalRev: _a, ...row } = after;
      names[`#k${i}`] = code;
      names[`#g${i}`] = `r:${code}`;
      values[`:w${i}`] = row;
      set.push(`#R.#k${i} = :w${i}`, `#g${i} = #V + :o`);
      if (after.selfRev !== before.selfRev) {
        names[`#s${i}`] = `rs:${code}`;
        set.push(`#s${i} = #V + :o`);
      }
      if (after.appraisalRev !== before.appraisalRev) {
        names[`#a${i}`] = `ra:${code}`;
        set.push(`#a${i} = #V + :o`);
      }
      if (seen[code] === undefined) conditions.push(`attribute_not_exists(#g${i})`);
      else {
        values[`:q${i}`] = seen[code];
        conditions.push(`#g${i} = :q${i}`);
      }
    });
    const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
    let t = 0;
    for (const key of keys) {
      if (['rows', 'version', 'updatedAt', 'lastChange'].includes(key)) continue;
      const a = (current as unknown as Record<string, unknown>)[key];
      const b = (next as unknown as Record<string, unknown>)[key];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      whole = true; // a status step, a deadline, a return reason: only on the version that was read
      names[`#t${t}`] = key;
      if (b === undefined) remove.push(`#t${t}`);
      else {
        values[`:t${t}`] = b;
        set.push(`#t${t} = :t${t}`);
      }
      t++;
    }
    if (whole) {
      values[':v'] = current.version;
      conditions.push('#V = :v');
    }
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: assessmentKey(current),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      );
      return fromItem(r.Attributes!) as StoredAssessment;
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
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
        new GetCommand({
          TableName: this.table,
          Key: assessmentKey({ cycleId, districtId, unitId }),
          ProjectionExpression: 'lastChange, version',
          ConsistentRead: true,
        }),
      ),
    ]);
    const changes = records.map((r) => strip<ChangeRecord>(r)!);
    const stored = item.Item as { lastChange?: AuditEntry[]; version: number } | undefined;
    if (stored?.lastChange && !changes.some((c) => c.version === stored.version))
      changes.push({ version: stored.version, audit: stored.lastChange });
    return changes.sort((a, b) => a.version - b.version).flatMap((c) => c.audit);
  }

  /** A change of many rows: the whole item, on the version that was read (no 4 KB expression limit). */
  private async putWhole(current: Assessment, change: Change, changed: string[]): Promise<StoredAssessment | undefined> {
    const version = current.version + 1;
    const { lastChange: _l, ...next } = change.next as StoredAssessment;
    const item: Record<string, unknown> = { ...assessmentKey(current), ...next, version, lastChange: change.audit, rows: {} };
    const revs = { ...revisionsOf(current) };
    for (const c of changed) revs[c] = version;
    for (const [code, r] of Object.entries(next.rows)) {
      const { selfRev, appraisalRev, ...row } = r;
      const before = current.rows[code] ?? {};
      (item.rows as Record<string, unknown>)[code] = row;
      const rs = changed.includes(code) && selfRev !== before.selfRev ? version : before.selfRev;
      const ra = changed.includes(code) && appraisalRev !== before.appraisalRev ? version : before.appraisalRev;
      if (rs !== undefined) item[`rs:${code}`] = rs;
      if (ra !== undefined) item[`ra:${code}`] = ra;
    }
    for (const [code, v] of Object.entries(revs)) item[`r:${code}`] = v;
    try {
      const r = await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: '#V = :v AND #S = :s AND #X = :x',
          ExpressionAttributeNames: { '#V': 'version', '#S': 'status', '#X': 'selfLocked' },
          ExpressionAttributeValues: { ':v': current.version, ':s': current.status, ':x': current.selfLocked },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return fromItem(r.Attributes!) as StoredAssessment;
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
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
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { pk: historyPk(u.cycleId, u.unitId), sk: `UPLOAD#${u.id}`, ...u } }),
    );
  }

  async getUpload(cycleId: string, unitId: string, id: string): Promise<PendingUpload | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: historyPk(cycleId, unitId), sk: `UPLOAD#${id}` },
        ConsistentRead: true,
      }),
    );
    return strip<PendingUpload>(r.Item);
  }

  async deleteUpload(cycleId: string, unitId: string, id: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: historyPk(cycleId, unitId), sk: `UPLOAD#${id}` } }));
  }

  // ---- per-district records of a cycle (assignments, rankings): one versioned item each ----
  private async getDistrictRecord<T>(kind: 'ASSIGN' | 'RANKING', cycleId: string, districtId: string): Promise<T | undefined> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: `CYCLE#${cycleId}`, sk: `${kind}#${districtId}` },
        ConsistentRead: true,
      }),
    );
    return strip<T>(r.Item);
  }

  /** Writes the next version of a district record if the stored one is still at `expectedVersion` (0 = none yet). */
  private async putDistrictRecord(
    kind: 'ASSIGN' | 'RANKING',
    next: { cycleId: string; districtId: string; version: number },
    expectedVersion: number,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `CYCLE#${next.cycleId}`, sk: `${kind}#${next.districtId}`, ...next },
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

  getAssignments(cycleId: string, districtId: string): Promise<Assignments | undefined> {
    return this.getDistrictRecord<Assignments>('ASSIGN', cycleId, districtId);
  }

  putAssignments(next: Assignments, expectedVersion: number): Promise<boolean> {
    return this.putDistrictRecord('ASSIGN', next, expectedVersion);
  }

  getRanking(cycleId: string, districtId: string): Promise<RankingRecord | undefined> {
    return this.getDistrictRecord<RankingRecord>('RANKING', cycleId, districtId);
  }

  putRanking(next: RankingRecord, expectedVersion: number): Promise<boolean> {
    return this.putDistrictRecord('RANKING', next, expectedVersion);
  }

  async listRankings(cycleId: string): Promise<RankingRecord[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}`, ':prefix': 'RANKING#' },
    });
    return items.map((i) => strip<RankingRecord>(i)!);
  }

  // ---- lifecycle waits ----
  async putWait(cycleId: string, unitId: string, w: WaitRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: historyPk(cycleId, unitId), sk: 'WAIT', ...w } }));
  }

  async getWait(cycleId: string, unitId: string): Promise<WaitRecord | undefined> {
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: historyPk(cycleId, unitId), sk: 'WAIT' }, ConsistentRead: true }),
    );
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
