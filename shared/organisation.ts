/**
 * A province's organisations over time: who appraises (the districts, Decision 4203's 2021 model, or
 * since 1 July 2025 the province itself), the communes and their kinds, and which earlier units a
 * merged commune was formed from. Pure data and functions: provinces/ holds the data, handlers and the
 * web resolve it here, and a cycle keeps the organisation it opened with.
 */
import { COMMUNE_KINDS, UNIT_KINDS, type UnitKind } from './framework.js';
import type { Hundredths } from './points.js';
import { meanHundredths } from './scoring.js';

export type AppraisingLevel = 'district' | 'province';

/** Two-tier local government from this day (Nghị quyết 1683/NQ-UBTVQH15): no thị trấn, đặc khu exist. */
export const TWO_TIER_FROM = '2025-07-01';

export interface CommuneDefinition {
  /** ASCII slug, unique within its organisation. */
  id: string;
  /** The official code (Công văn 1027/CTK-CSCL for the 2025 units), kept beside the id. */
  code?: string;
  name: string;
  kind: UnitKind;
  /**
   * Ids of the units of an earlier organisation this one was formed from; each id is looked up in the
   * latest earlier organisations (by `validFrom`) that hold it. Absent: the unit is unchanged, the one
   * with the same id in an earlier organisation if there is one. `[]`: a new unit without history.
   */
  formedFrom?: string[];
  /** The district of an earlier organisation the unit (mostly) lay in: what a dashboard groups by at province level. */
  formerDistrictId?: string;
}

export interface DistrictDefinition {
  id: string;
  code?: string;
  name: string;
  communes: CommuneDefinition[];
}

export interface RankingBlock {
  id: string;
  label: string;
  kinds: UnitKind[];
}

/** Decision 4203 ranks every commune of an appraising unit together. */
export const DEFAULT_RANKING_BLOCK: RankingBlock = { id: 'all', label: 'Tất cả đơn vị', kinds: [...COMMUNE_KINDS] };

interface OrganisationBase {
  id: string;
  /** Vietnamese, for the operator and the screens. */
  label: string;
  /** ISO date (YYYY-MM-DD) from which this organisation holds; it ends where a later one begins. */
  validFrom: string;
  /** Blocks ranked apart, by unit kind; default one block `all`. */
  rankingBlocks?: RankingBlock[];
  /** false: kept only so that `formedFrom` can point at it (e.g. another province's units before a merger). */
  cyclesRunHere?: false;
}

export interface DistrictLevelOrganisation extends OrganisationBase {
  appraisingLevel: 'district';
  /** The districts, each appraising its communes. */
  appraisingUnits: DistrictDefinition[];
  communes?: never;
  departments?: never;
}

/** A department (sở, ban, ngành) assessed beside the communes: kind `department`, appraised by the province. */
export interface DepartmentDefinition {
  /** ASCII slug, unique within its organisation (communes included). */
  id: string;
  code?: string;
  name: string;
}

export interface ProvinceLevelOrganisation extends OrganisationBase {
  appraisingLevel: 'province';
  /** Every commune once; the province is the single appraising unit (see resolveOrganisation). */
  communes: CommuneDefinition[];
  /** Departments assessed beside the communes (kind `department`, ranked in a block of their own). */
  departments?: DepartmentDefinition[];
  appraisingUnits?: never;
}

export type OrganisationDefinition = DistrictLevelOrganisation | ProvinceLevelOrganisation;

/** What this module needs of a province's configuration (provinces/types.ts `ProvinceConfig` is one). */
export interface OrganisedProvince {
  id: string;
  name: string;
  /** The configuration before organisations: used as one organisation when `organisations` is absent. */
  appraisingLevel: AppraisingLevel;
  districts?: readonly DistrictDefinition[];
  organisations?: readonly OrganisationDefinition[];
  currentOrganisationId?: string;
}

/** A commune as found in one organisation. */
export interface OrganisationUnit extends CommuneDefinition {
  organisationId: string;
  /** District level: its district. */
  districtId?: string;
}

export interface ResolvedCommune extends OrganisationUnit {
  /** The district's id at district level, the province's id at province level. */
  appraisingUnitId: string;
  /** The id of its ranking block. */
  rankingBlock: string;
}

export interface ResolvedAppraisingUnit {
  id: string;
  code?: string;
  name: string;
  level: AppraisingLevel;
  communes: ResolvedCommune[];
}

/** An organisation as handlers and the web use it; plain JSON, so a cycle can keep a copy. */
export interface ResolvedOrganisation {
  id: string;
  label: string;
  validFrom: string;
  appraisingLevel: AppraisingLevel;
  cyclesRunHere: boolean;
  /** The districts at district level; one entry, the province, at province level. */
  appraisingUnits: ResolvedAppraisingUnit[];
  /** Every commune, in the order of `appraisingUnits`. */
  communes: ResolvedCommune[];
  /** Never empty: `[DEFAULT_RANKING_BLOCK]` when the organisation declares none. */
  rankingBlocks: RankingBlock[];
}

/** The id of the organisation derived from the legacy `districts` list of a province without organisations. */
export const LEGACY_ORGANISATION_ID = 'default';

/** A province's organisations and the current one; a province without any gets one from `districts`. */
export function provinceOrganisations(p: OrganisedProvince): {
  organisations: readonly OrganisationDefinition[];
  currentOrganisationId: string;
} {
  if (p.organisations) return { organisations: p.organisations, currentOrganisationId: p.currentOrganisationId ?? '' };
  const base = { id: LEGACY_ORGANISATION_ID, label: p.name, validFrom: '2000-01-01' };
  const legacy: OrganisationDefinition =
    p.appraisingLevel === 'province'
      ? { ...base, appraisingLevel: 'province', communes: (p.districts ?? []).flatMap((d) => d.communes) }
      : { ...base, appraisingLevel: 'district', appraisingUnits: [...(p.districts ?? [])] };
  return { organisations: [legacy], currentOrganisationId: LEGACY_ORGANISATION_ID };
}

function organisation(orgs: readonly OrganisationDefinition[], id: string): OrganisationDefinition {
  const o = orgs.find((x) => x.id === id);
  if (!o) throw new Error(`Không có tổ chức "${id}" (có: ${orgs.map((x) => x.id).join(', ')})`);
  return o;
}

/** The communes of an organisation, each with its organisation (and district at district level). */
/** A department as a unit: kind `department`, no earlier units. */
const departmentUnit = (d: DepartmentDefinition): CommuneDefinition => ({
  id: d.id,
  ...(d.code ? { code: d.code } : {}),
  name: d.name,
  kind: 'department',
});

export function organisationUnits(org: OrganisationDefinition): OrganisationUnit[] {
  if (org.appraisingLevel === 'province')
    return [...(org.communes ?? []), ...(org.departments ?? []).map(departmentUnit)].map((c) => ({
      ...c,
      organisationId: org.id,
    }));
  return (org.appraisingUnits ?? []).flatMap((d) =>
    (d.communes ?? []).map((c) => ({ ...c, organisationId: org.id, districtId: d.id })),
  );
}

function unitIn(org: OrganisationDefinition, unitId: string): OrganisationUnit {
  const u = organisationUnits(org).find((x) => x.id === unitId);
  if (!u) throw new Error(`Tổ chức "${org.id}" không có đơn vị "${unitId}"`);
  return u;
}

/** Each organisation's units and districts by id, built once per call (configurations are small, calls are not). */
interface OrgIndex {
  org: OrganisationDefinition;
  units: Map<string, OrganisationUnit>;
  districts: Map<string, DistrictDefinition>;
}

/**
 * Indexed once per list of organisations: the year-over-year view asks for every commune of a cycle
 * against the same list. Organisation lists are built from the configuration and never changed.
 */
const indexed = new WeakMap<readonly OrganisationDefinition[], OrgIndex[]>();

function indexOrganisations(orgs: readonly OrganisationDefinition[]): OrgIndex[] {
  let index = indexed.get(orgs);
  if (!index) indexed.set(orgs, (index = buildIndex(orgs)));
  return index;
}

function buildIndex(orgs: readonly OrganisationDefinition[]): OrgIndex[] {
  return orgs.map((org) => ({
    org,
    units: new Map(organisationUnits(org).map((u) => [u.id, u] as const)),
    districts: new Map(org.appraisingLevel === 'district' ? (org.appraisingUnits ?? []).map((d) => [d.id, d] as const) : []),
  }));
}

/**
 * Where an id of a `formedFrom` (or `formerDistrictId`) points: the matches in the latest group of
 * organisations (same `validFrom`) earlier than `before` that holds the id at all. More than one match
 * is ambiguous; validation refuses it.
 */
function locate<T>(index: readonly OrgIndex[], before: string, find: (ix: OrgIndex) => T | undefined): T[] {
  const dates = [...new Set(index.map((x) => x.org.validFrom).filter((d) => d < before))].sort().reverse();
  for (const date of dates) {
    const found = index.filter((x) => x.org.validFrom === date).flatMap((x) => find(x) ?? []);
    if (found.length) return found;
  }
  return [];
}

const communeFinder = (id: string) => (ix: OrgIndex) => ix.units.get(id);
const districtFinder = (id: string) => (ix: OrgIndex) => ix.districts.get(id);

function predecessorsIn(index: readonly OrgIndex[], orgId: string, unitId: string): OrganisationUnit[] {
  const org = organisation(
    index.map((x) => x.org),
    orgId,
  );
  const unit = unitIn(org, unitId);
  if (unit.formedFrom === undefined) {
    const same = locate(index, org.validFrom, communeFinder(unit.id));
    return same.length === 1 ? same : [];
  }
  return unit.formedFrom.map((id) => {
    const found = locate(index, org.validFrom, communeFinder(id));
    if (found.length !== 1)
      throw new Error(
        `Đơn vị "${unitId}" của tổ chức "${orgId}": formedFrom "${id}" ${found.length ? 'không rõ ở tổ chức nào' : 'không có'}`,
      );
    return found[0]!;
  });
}

/** The units a unit was formed from, one step back (see `CommuneDefinition.formedFrom`). */
export function predecessorUnits(orgs: readonly OrganisationDefinition[], orgId: string, unitId: string): OrganisationUnit[] {
  return predecessorsIn(indexOrganisations(orgs), orgId, unitId);
}

/** A district of an earlier organisation that communes of a later one name as their `formerDistrictId`. */
export interface FormerDistrict {
  id: string;
  name: string;
  /** The organisation it lay in (Bắc Kạn's, kept only for history, among them). */
  organisationId: string;
}

/**
 * The former districts the communes of organisation `orgId` name, each found as validation finds it
 * (the latest earlier organisation holding the id), so that a screen or a file names them instead of
 * showing their ids; an id found nowhere is left out.
 */
export function formerDistrictsOf(orgs: readonly OrganisationDefinition[], orgId: string): FormerDistrict[] {
  const org = organisation(orgs, orgId);
  const index = indexOrganisations(orgs);
  const ids = [...new Set(organisationUnits(org).flatMap((u) => (u.formerDistrictId ? [u.formerDistrictId] : [])))];
  return ids.flatMap((id) => {
    const found = locate(index, org.validFrom, (ix) => {
      const d = ix.districts.get(id);
      return d ? { id, name: d.name, organisationId: ix.org.id } : undefined;
    });
    return found.length === 1 ? found : [];
  });
}

/**
 * The units of organisation `toOrgId` that unit `unitId` of `fromOrgId` was formed from, following
 * every merge in between; the unit itself when the organisations are the same. Units of other
 * lineages (an organisation not later than `toOrgId`, e.g. another province's) are left out. In the
 * order of the `formedFrom` lists, each once.
 */
export function earlierUnits(
  orgs: readonly OrganisationDefinition[],
  fromOrgId: string,
  unitId: string,
  toOrgId: string,
): OrganisationUnit[] {
  const from = organisation(orgs, fromOrgId);
  const to = organisation(orgs, toOrgId);
  if (from.id === to.id) return [unitIn(from, unitId)];
  if (!(to.validFrom < from.validFrom))
    throw new Error(`Tổ chức "${toOrgId}" (${to.validFrom}) không có trước tổ chức "${fromOrgId}" (${from.validFrom})`);
  const index = indexOrganisations(orgs);
  const out: OrganisationUnit[] = [];
  const seen = new Set<string>();
  const walk = (orgId: string, id: string) => {
    for (const p of predecessorsIn(index, orgId, id)) {
      if (p.organisationId === to.id) {
        if (!seen.has(p.id)) out.push(p);
        seen.add(p.id);
      } else if (organisation(orgs, p.organisationId).validFrom > to.validFrom) walk(p.organisationId, p.id);
    }
  };
  walk(from.id, unitId);
  return out;
}

export interface EarlierResult {
  unit: OrganisationUnit;
  /** The earlier cycle's appraised index, hundredths; null when not appraised or no cycle ran there. */
  index: Hundredths | null;
}

export interface YearOverYear {
  /** The earlier cycle's organisation. */
  organisationId: string;
  units: EarlierResult[];
  /** Mean of the units' indices that exist, hundredths half-up; null when none has one. */
  mean: Hundredths | null;
}

/**
 * A unit of a current cycle beside an earlier cycle: the units it was formed from in the earlier
 * cycle's organisation, each with its own index, and their mean.
 */
export function yearOverYear(
  orgs: readonly OrganisationDefinition[],
  current: { organisationId: string; unitId: string },
  earlier: { organisationId: string; indexByUnit: Readonly<Record<string, Hundredths | null | undefined>> },
): YearOverYear {
  const units = earlierUnits(orgs, current.organisationId, current.unitId, earlier.organisationId).map((unit) => ({
    unit,
    index: Object.hasOwn(earlier.indexByUnit, unit.id) ? (earlier.indexByUnit[unit.id] ?? null) : null,
  }));
  const indices = units.flatMap((u) => (u.index === null ? [] : [u.index]));
  return { organisationId: earlier.organisationId, units, mean: meanHundredths(indices) };
}

/** The ranking block of a unit kind (validation makes sure there is exactly one). */
export function rankingBlockOf(blocks: readonly RankingBlock[], kind: UnitKind): string {
  const b = blocks.find((x) => x.kinds.includes(kind));
  if (!b) throw new Error(`Không có khối xếp hạng cho loại đơn vị "${kind}"`);
  return b.id;
}

/** An organisation as handlers and the web use it (default: the province's current one). */
export function resolveOrganisation(p: OrganisedProvince, orgId?: string): ResolvedOrganisation {
  const { organisations, currentOrganisationId } = provinceOrganisations(p);
  const org = organisation(organisations, orgId ?? currentOrganisationId);
  const rankingBlocks = org.rankingBlocks?.length ? org.rankingBlocks : [DEFAULT_RANKING_BLOCK];
  const resolve = (c: CommuneDefinition, appraisingUnitId: string, districtId?: string): ResolvedCommune => ({
    ...c,
    organisationId: org.id,
    ...(districtId ? { districtId } : {}),
    appraisingUnitId,
    rankingBlock: rankingBlockOf(rankingBlocks, c.kind),
  });
  const appraisingUnits: ResolvedAppraisingUnit[] =
    org.appraisingLevel === 'province'
      ? [
          {
            id: p.id,
            name: p.name,
            level: 'province',
            communes: [...org.communes, ...(org.departments ?? []).map(departmentUnit)].map((c) => resolve(c, p.id)),
          },
        ]
      : org.appraisingUnits.map((d) => ({
          id: d.id,
          ...(d.code ? { code: d.code } : {}),
          name: d.name,
          level: 'district',
          communes: d.communes.map((c) => resolve(c, d.id, d.id)),
        }));
  return {
    id: org.id,
    label: org.label,
    validFrom: org.validFrom,
    appraisingLevel: org.appraisingLevel,
    cyclesRunHere: org.cyclesRunHere !== false,
    appraisingUnits,
    communes: appraisingUnits.flatMap((u) => u.communes),
    rankingBlocks,
  };
}

/** A resolved organisation (e.g. a cycle's snapshot) as a definition again, to follow `formedFrom` through it. */
export function definitionOf(o: ResolvedOrganisation): OrganisationDefinition {
  const commune = (c: ResolvedCommune): CommuneDefinition => ({
    id: c.id,
    ...(c.code ? { code: c.code } : {}),
    name: c.name,
    kind: c.kind,
    ...(c.formedFrom ? { formedFrom: [...c.formedFrom] } : {}),
    ...(c.formerDistrictId ? { formerDistrictId: c.formerDistrictId } : {}),
  });
  const base = {
    id: o.id,
    label: o.label,
    validFrom: o.validFrom,
    rankingBlocks: o.rankingBlocks,
    ...(o.cyclesRunHere ? {} : { cyclesRunHere: false as const }),
  };
  return o.appraisingLevel === 'province'
    ? { ...base, appraisingLevel: 'province', communes: o.communes.map(commune) }
    : {
        ...base,
        appraisingLevel: 'district',
        appraisingUnits: o.appraisingUnits.map((d) => ({
          id: d.id,
          ...(d.code ? { code: d.code } : {}),
          name: d.name,
          communes: d.communes.map(commune),
        })),
      };
}

/** The organisation in force on an ISO date among those cycles run in; undefined before the first. */
export function organisationAt(p: OrganisedProvince, isoDate: string): OrganisationDefinition | undefined {
  const { organisations } = provinceOrganisations(p);
  return organisations
    .filter((o) => o.cyclesRunHere !== false && o.validFrom <= isoDate)
    .reduce<OrganisationDefinition | undefined>((best, o) => (!best || o.validFrom > best.validFrom ? o : best), undefined);
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Everything wrong with a province's organisations, one Vietnamese line each, naming the organisation
 * and the unit; empty when the configuration is sound.
 */
export function provinceProblems(p: OrganisedProvince): string[] {
  const problems: string[] = [];
  const say = (m: string) => problems.push(m);
  if (p.organisations !== undefined && p.organisations.length === 0) say('Chưa khai báo tổ chức nào (organisations rỗng)');
  if (p.organisations === undefined && p.currentOrganisationId !== undefined)
    say(`currentOrganisationId "${p.currentOrganisationId}" được khai báo nhưng không có organisations`);
  const { organisations: orgs, currentOrganisationId } = provinceOrganisations(p);
  // A configuration being checked may be one being edited: indexed afresh, never from the cache.
  const index = buildIndex(orgs);

  const orgIds = new Set<string>();
  for (const org of orgs) {
    const where = `Tổ chức "${org.id}"`;
    if (orgIds.has(org.id)) say(`${where} được khai báo hai lần`);
    orgIds.add(org.id);
    if (!SLUG.test(org.id)) say(`${where}: mã tổ chức phải là chữ thường không dấu, số và gạch nối`);
    if (!org.label?.trim()) say(`${where} thiếu tên (label)`);
    if (!isIsoDate(org.validFrom)) say(`${where}: validFrom "${String(org.validFrom)}" không phải ngày dạng YYYY-MM-DD`);
    const raw = org as unknown as Record<string, unknown>;
    if (org.appraisingLevel === 'province') {
      if (raw.appraisingUnits !== undefined || raw.districts !== undefined)
        say(`${where} thẩm định cấp tỉnh không có huyện: bỏ appraisingUnits/districts, liệt kê các xã trong communes`);
      if (!Array.isArray(org.communes) || org.communes.length === 0) say(`${where} không có đơn vị cấp xã nào (communes)`);
    } else if (org.appraisingLevel === 'district') {
      if (raw.communes !== undefined)
        say(`${where} thẩm định cấp huyện: các xã thuộc từng huyện trong appraisingUnits, không có communes`);
      if (!Array.isArray(org.appraisingUnits) || org.appraisingUnits.length === 0)
        say(`${where} không có đơn vị thẩm định (appraisingUnits) nào`);
    } else say(`${where}: appraisingLevel "${String(raw.appraisingLevel)}" không hợp lệ (district hoặc province)`);

    // Unit ids: one namespace per organisation, the province's own id included (it is an appraising unit).
    const ids = new Map<string, string>([[p.id, `tỉnh ${p.name}`]]);
    const claim = (id: string, label: string) => {
      const clash = ids.get(id);
      if (clash) say(`${where}: mã "${id}" của ${label} trùng với ${clash}`);
      else ids.set(id, label);
      if (!SLUG.test(id)) say(`${where}: mã "${id}" của ${label} phải là chữ thường không dấu, số và gạch nối`);
    };
    if (org.appraisingLevel === 'district')
      for (const d of org.appraisingUnits ?? []) {
        claim(d.id, `đơn vị thẩm định ${d.name}`);
        if (!d.communes?.length) say(`${where}: đơn vị thẩm định "${d.id}" (${d.name}) không có xã nào`);
      }
    const units = organisationUnits(org);
    const twoTier = isIsoDate(org.validFrom) && org.validFrom >= TWO_TIER_FROM;
    const blocks = org.rankingBlocks?.length ? org.rankingBlocks : [DEFAULT_RANKING_BLOCK];
    for (const u of units) {
      const unit = `Đơn vị "${u.id}" (${u.name}) của tổ chức "${org.id}"`;
      claim(u.id, `đơn vị ${u.name}`);
      if (!(UNIT_KINDS as readonly string[]).includes(u.kind)) say(`${unit}: loại "${String(u.kind)}" không hợp lệ`);
      else if (u.kind === 'department' && !org.departments?.some((d) => d.id === u.id))
        say(`${unit}: sở, ban, ngành khai trong "departments" của tổ chức cấp tỉnh, không khai như một xã`);
      else if (twoTier && u.kind === 'thi-tran')
        say(`${unit}: không còn thị trấn từ ${TWO_TIER_FROM} (tổ chức có hiệu lực từ ${org.validFrom})`);
      else if (!twoTier && u.kind === 'dac-khu')
        say(`${unit}: đặc khu chỉ có từ ${TWO_TIER_FROM} (tổ chức có hiệu lực từ ${org.validFrom})`);
      if (u.formedFrom === undefined) {
        if (locate(index, org.validFrom, communeFinder(u.id)).length > 1)
          say(`${unit}: không ghi formedFrom mà mã "${u.id}" có ở nhiều tổ chức trước: ghi rõ formedFrom`);
      } else {
        if (new Set(u.formedFrom).size !== u.formedFrom.length) say(`${unit}: formedFrom nêu một đơn vị hai lần`);
        for (const id of u.formedFrom) {
          const found = locate(index, org.validFrom, communeFinder(id));
          if (found.length === 0) say(`${unit}: formedFrom "${id}" không có ở tổ chức nào trước ${org.validFrom}`);
          else if (found.length > 1)
            say(`${unit}: formedFrom "${id}" có ở nhiều tổ chức (${found.map((f) => f.organisationId).join(', ')})`);
        }
      }
      if (u.formerDistrictId !== undefined) {
        const found = locate(index, org.validFrom, districtFinder(u.formerDistrictId));
        if (found.length !== 1)
          say(
            `${unit}: formerDistrictId "${u.formerDistrictId}" ${found.length ? 'có ở nhiều tổ chức' : 'không phải huyện của tổ chức nào trước'}`,
          );
      }
      if (!blocks.some((b) => b.kinds?.includes(u.kind))) say(`${unit}: không khối xếp hạng nào gồm loại "${u.kind}"`);
    }
    if ((raw as { departments?: unknown }).departments !== undefined && org.appraisingLevel !== 'province')
      say(`${where}: chỉ tổ chức do tỉnh thẩm định (appraisingLevel "province") mới có sở, ban, ngành (departments)`);
    for (const b of org.rankingBlocks ?? [])
      if (b.kinds?.includes('department') && b.kinds.some((k) => k !== 'department'))
        say(`${where}: khối xếp hạng "${b.id}" gồm sở, ban, ngành thì không gồm loại đơn vị nào khác`);
    const blockIds = new Set<string>();
    const kindBlock = new Map<string, string>();
    for (const b of org.rankingBlocks ?? []) {
      if (blockIds.has(b.id)) say(`${where}: khối xếp hạng "${b.id}" khai báo hai lần`);
      blockIds.add(b.id);
      if (!b.label?.trim()) say(`${where}: khối xếp hạng "${b.id}" thiếu tên`);
      if (!b.kinds?.length) say(`${where}: khối xếp hạng "${b.id}" không gồm loại đơn vị nào`);
      for (const k of b.kinds ?? []) {
        if (!(UNIT_KINDS as readonly string[]).includes(k))
          say(`${where}: khối xếp hạng "${b.id}": loại "${String(k)}" không hợp lệ`);
        const other = kindBlock.get(k);
        if (other !== undefined) say(`${where}: loại "${k}" ở hai khối xếp hạng "${other}" và "${b.id}"`);
        else kindBlock.set(k, b.id);
      }
    }
  }

  const current = orgs.find((o) => o.id === currentOrganisationId);
  if (!current)
    say(`currentOrganisationId "${currentOrganisationId}" không phải tổ chức nào (có: ${orgs.map((o) => o.id).join(', ')})`);
  else if (current.cyclesRunHere === false) say(`Tổ chức hiện hành "${current.id}" có cyclesRunHere: false`);
  return problems;
}

export class ProvinceConfigError extends Error {
  constructor(
    readonly provinceId: string,
    readonly problems: string[],
  ) {
    super(`Cấu hình tỉnh "${provinceId}" không hợp lệ (provinces/):\n- ${problems.join('\n- ')}`);
    this.name = 'ProvinceConfigError';
  }
}

/** Throws a ProvinceConfigError listing every problem (see provinceProblems); at synth and at start. */
export function validateProvince(p: OrganisedProvince): void {
  const problems = provinceProblems(p);
  if (problems.length) throw new ProvinceConfigError(p.id, problems);
}
