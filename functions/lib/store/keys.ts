/**
 * The table's key layout: one table, keys `pk` / `sk`; every key string of the store is built here.
 *
 * | pk                        | sk                           | item                                                                |
 * | ------------------------- | ---------------------------- | ------------------------------------------------------------------- |
 * | `CYCLES`                  | `CYCLE#<cycleId>`            | cycle: year, framework, self-assessment deadline, status,           |
 * |                           |                              | organisation id and appraising level                                |
 * | `CYCLE#<cycleId>`         | `ORG`                        | the organisation the cycle opened with (ResolvedOrganisation and    |
 * |                           |                              | the province's id and name): its units, appraising level, blocks    |
 * | `CYCLE#<cycleId>`         | `ASMT#<auId>#<unitId>`       | assessment (auId: its appraising unit, the district or, in a        |
 * |                           |                              | province-level cycle, the province): status, version, every row's   |
 * |                           |                              | scores, comments, evidence                                          |
 * | `ASMT#<cycleId>#<unitId>` | `CHG#<version, 10 digits>`   | change record: the audit entries of that version                    |
 * | `ASMT#<cycleId>#<unitId>` | `UPLOAD#<id>`                | an evidence upload asked for, not yet confirmed                     |
 * | `ASMT#<cycleId>#<unitId>` | `WAIT`                       | the state machine's waiting task token and its step                 |
 * | `CYCLE#<cycleId>`         | `ASSIGN#<auId>`              | appraisers' areas (and communes) in the appraising unit, with their |
 * |                           |                              | change history                                                      |
 * | `CYCLE#<cycleId>`         | `RANKING#<auId>`             | the appraising unit's ranking status, with its history (absent =    |
 * |                           |                              | OPEN)                                                               |
 * | `META`                    | `SEED`                       | the local demo seed marker                                          |
 * | `META`                    | `PING`                       | never written: the health check reads it                            |
 *
 * Who writes each, and in what order:
 *
 * | item       | written by                                   | order                                                                |
 * | ---------- | -------------------------------------------- | -------------------------------------------------------------------- |
 * | ORG        | opening a cycle                              | put before the cycle's assessments, never rewritten: a retried open  |
 * |            |                                              | keeps the snapshot it wrote first (put if absent)                    |
 * | cycle      | opening a cycle (manage-cycles, local seed)  | put if absent, after every assessment of the cycle (lib/cycles.ts),  |
 * |            |                                              | so a cycle opened half-way stays invisible until the retry ends it   |
 * | assessment | opening a cycle; then every change           | created at version 0 (then its CHG#0); a change moves it from v to   |
 * |            | (self-assessment, evidence, appraisal,       | v + 1 with one conditional write, carrying the change's audit        |
 * |            | ranking steps, lifecycle task)               | entries as `lastChange`: FIRST                                       |
 * | CHG#v      | the writer of version v + 1 (or v + 2), from | SECOND: beside the write of v + 1 (idempotent: same version, same    |
 * |            | the item's `lastChange` (`priorChange`)      | entries); until then the audit read takes them from the item         |
 * | UPLOAD#id  | manage-evidence                              | put with the upload URL; deleted after the file is confirmed into    |
 * |            |                                              | the assessment, or when the file is refused                          |
 * | WAIT       | run-lifecycle-task; deleted by `sync`        | put when a wait starts, then the status is read again; deleted, on   |
 * |            | (lib/lifecycle.ts)                           | the same token only, after the callback that ends the wait           |
 * | ASSIGN#d   | appraise-assessment (district secretary)     | put conditioned on the version that was read                         |
 * | RANKING#d  | rank-and-publish (district chair)            | put conditioned on the version that was read, BEFORE the district's  |
 * |            |                                              | assessments move to the same status (a read finishes what a crash    |
 * |            |                                              | left undone)                                                         |
 * | SEED       | local/seed.ts                                | after the seeded cycle                                               |
 *
 * Summaries (the index `summaries`): every assessment item also carries its compact summary, set in
 * the same conditional write as the rest of the item — its rows' points packed (summaries.ts) as `pl`
 * (a list, one element a leaf, changed element by element; never projected) and as `pts` (one string
 * tagged with the version it is of, holding the framework, the leaves and the head fields SUMMARY_HEAD),
 * and the index keys `gpk` = `CYCLE#<cycleId>#<auId>`, `gsk` = `<unitId>`. The global secondary index
 * `summaries` projects only those keys, `version` and `pts` (SUMMARY_FIELDS): about 0.7 KB a commune
 * instead of 14 KB, so one appraising unit's summaries
 * are one partition of the index, read in a page or a few (1 MB a page). `pl` cannot disagree with its
 * assessment after a failed or interrupted write, because it is the same item; `pts` is read only when
 * its tag is the item's version, which no interrupted write can leave wrong (a write that landed after
 * another one's, between that one's read and write, leaves its tag behind; the writer then writes it
 * again, and if it stops first the reader does). The index is kept by DynamoDB (eventually consistent
 * in AWS, at once in dynalite). An item written before summaries existed has none: the reader finds it
 * missing from the index, reads the item and writes its summary (summaries.ts `listSummaries`, `writeSummary`).
 *
 * There are no transactions (dynalite has none), so a change is those two writes (the item, and the
 * record of the change before it). A crash at any point loses nothing: the audit read takes the latest
 * entries from `lastChange`, and the next writer writes their record. Every read (one item, or a whole
 * district's summaries) sees the truth.
 *
 * Scores are integer hundredths. Each row's revisions are top-level attributes of the assessment item
 * (`r:<code>` any change of the row, `rs:<code>` its self part, `ra:<code>` its appraisal part), so one
 * UpdateItem can set them to `version + 1` without the row's map having to exist (updates.ts).
 */

const pad = (n: number) => String(n).padStart(10, '0');

export type Key = { pk: string; sk: string };

export const CYCLES_PK = 'CYCLES';
export const cycleKey = (cycleId: string): Key => ({ pk: CYCLES_PK, sk: `CYCLE#${cycleId}` });
/** The organisation a cycle opened with (beside its assessments, outside their `ASMT#` prefix). */
export const cycleOrganisationKey = (cycleId: string): Key => ({ pk: cyclePk(cycleId), sk: 'ORG' });

/** The partition of everything stored per cycle: its assessments and district records. */
export const cyclePk = (cycleId: string) => `CYCLE#${cycleId}`;

export const assessmentKey = (a: { cycleId: string; districtId: string; unitId: string }): Key => ({
  pk: cyclePk(a.cycleId),
  sk: `ASMT#${a.districtId}#${a.unitId}`,
});
/** Prefix of the assessments of a cycle, or of one district of it. */
export const assessmentPrefix = (districtId?: string) => (districtId ? `ASMT#${districtId}#` : 'ASMT#');

/** The partition of what belongs to one assessment beside its item: change records, uploads, the wait. */
export const assessmentPk = (cycleId: string, unitId: string) => `ASMT#${cycleId}#${unitId}`;

export const CHANGE_PREFIX = 'CHG#';
export const changeKey = (cycleId: string, unitId: string, version: number): Key => ({
  pk: assessmentPk(cycleId, unitId),
  sk: `${CHANGE_PREFIX}${pad(version)}`,
});

export const uploadKey = (cycleId: string, unitId: string, id: string): Key => ({
  pk: assessmentPk(cycleId, unitId),
  sk: `UPLOAD#${id}`,
});

export const waitKey = (cycleId: string, unitId: string): Key => ({ pk: assessmentPk(cycleId, unitId), sk: 'WAIT' });

export type DistrictRecordKind = 'ASSIGN' | 'RANKING';
export const districtRecordKey = (kind: DistrictRecordKind, cycleId: string, districtId: string): Key => ({
  pk: cyclePk(cycleId),
  sk: `${kind}#${districtId}`,
});
export const districtRecordPrefix = (kind: DistrictRecordKind) => `${kind}#`;

export const metaKey = (sk: string): Key => ({ pk: 'META', sk });

/** The province's framework documents (frameworks as data), one item each, in one partition. */
export const FRAMEWORKS_PK = 'FRAMEWORKS';
export const frameworkKey = (id: string): Key => ({ pk: FRAMEWORKS_PK, sk: `FW#${id}` });
/** The framework a cycle opened with, a snapshot beside its organisation's. */
export const cycleFrameworkKey = (cycleId: string): Key => ({ pk: cyclePk(cycleId), sk: 'FRAMEWORK' });
export const PING_KEY = metaKey('PING');

/** The index of compact summaries and its key attributes (one partition per appraising unit and cycle). */
export const SUMMARY_INDEX = 'summaries';
export const SUMMARY_KEYS = { pk: 'gpk', sk: 'gsk' } as const;
/** The attribute holding every row's packed points in one string, tagged with its version (projected). */
export const POINTS = 'pts';
/** The attribute holding each row's packed points, one list element a leaf (the item's only, not projected). */
export const LEAF_POINTS = 'pl';
export const summaryPk = (cycleId: string, auId: string) => `CYCLE#${cycleId}#${auId}`;
/**
 * The head fields of an assessment that its summary keeps, packed into `pts` after the leaves (with the
 * version tag and the framework, summaries.ts): one string is read far faster than a dozen attributes.
 */
export const SUMMARY_HEAD = [
  'cycleId',
  'unitId',
  'unitName',
  'unitKind',
  'districtId',
  'provinceId',
  'status',
  'selfLocked',
  'submittedAt',
  'late',
  'deadline',
  'updatedAt',
] as const;
/** What the index projects beside its keys: the item's version and `pts`, whose tag must equal it. */
export const SUMMARY_FIELDS = ['version', POINTS] as const;

/** Attributes of an assessment item that hold its rows' revisions, by prefix. */
export const REV = { any: 'r:', self: 'rs:', appraisal: 'ra:' } as const;
