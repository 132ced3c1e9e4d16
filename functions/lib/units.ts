/**
 * The units of one organisation of the province (provinces/, shared/organisation.ts). A cycle's units
 * are those of the organisation it opened with (its stored snapshot, see context.ts `unitsOf`), never
 * the live configuration's.
 */
import { provinceConfig, type ProvinceConfig } from '../../provinces/index.js';
import type { Blocks } from '../../shared/analysis.js';
import type { UnitKind } from '../../shared/framework.js';
import { NotFound } from '../../shared/errors.js';
import {
  organisationAt,
  rankingBlockOf,
  resolveOrganisation,
  type ResolvedAppraisingUnit,
  type ResolvedOrganisation,
} from '../../shared/organisation.js';
import type { UnitDirectory } from '../../shared/permissions.js';

export interface CommuneRef {
  id: string;
  name: string;
  kind: UnitKind;
  code?: string;
  formedFrom?: string[];
  formerDistrictId?: string;
  /** Its appraising unit: the district, or the province in a province-level organisation. */
  districtId: string;
  districtName: string;
  provinceId: string;
}

/** What a cycle keeps of its organisation when it opens (plain JSON, stored beside the cycle). */
export interface OrganisationSnapshot {
  province: { id: string; name: string };
  organisation: ResolvedOrganisation;
}

export class Units {
  readonly communes: ReadonlyMap<string, CommuneRef>;
  readonly province: { id: string; name: string };
  readonly org: ResolvedOrganisation;
  private readonly byUnit: ReadonlyMap<string, ResolvedAppraisingUnit>;

  constructor(snapshot: OrganisationSnapshot) {
    this.province = snapshot.province;
    this.org = snapshot.organisation;
    const m = new Map<string, CommuneRef>();
    for (const u of this.org.appraisingUnits)
      for (const c of u.communes)
        m.set(c.id, {
          id: c.id,
          name: c.name,
          kind: c.kind,
          ...(c.code ? { code: c.code } : {}),
          ...(c.formedFrom ? { formedFrom: c.formedFrom } : {}),
          ...(c.formerDistrictId ? { formerDistrictId: c.formerDistrictId } : {}),
          districtId: u.id,
          districtName: u.name,
          provinceId: this.province.id,
        });
    this.communes = m;
    this.byUnit = new Map(this.org.appraisingUnits.map((u) => [u.id, u] as const));
  }

  /** An organisation of the configuration (default: the current one). */
  static forProvince(id: string, organisationId?: string): Units {
    return Units.of(provinceConfig(id), organisationId);
  }

  static of(p: ProvinceConfig, organisationId?: string): Units {
    return new Units(snapshotOf(p, organisationId));
  }

  get appraisingLevel() {
    return this.org.appraisingLevel;
  }

  get appraisingUnits(): readonly ResolvedAppraisingUnit[] {
    return this.org.appraisingUnits;
  }

  commune(id: string): CommuneRef {
    const c = this.communes.get(id);
    if (!c) throw new NotFound(`Không có đơn vị cấp xã mã "${id}"`);
    return c;
  }

  /** The communes of one appraising unit (it must exist), or of the whole organisation. */
  communesOf(appraisingUnitId?: string): CommuneRef[] {
    if (appraisingUnitId === undefined) return [...this.communes.values()];
    return this.district(appraisingUnitId).communes.map((c) => this.communes.get(c.id)!);
  }

  /** An appraising unit: a district, or (province level) the province itself. */
  district(id: string): ResolvedAppraisingUnit {
    const d = this.byUnit.get(id);
    if (!d)
      throw new NotFound(
        this.appraisingLevel === 'province'
          ? `Kỳ đánh giá này do tỉnh thẩm định; không có đơn vị thẩm định mã "${id}"`
          : `Không có đơn vị cấp huyện mã "${id}"`,
      );
    return d;
  }

  /** Whether `id` names a unit of this organisation at any level. */
  has(id: string): boolean {
    return this.levelOf(id) !== undefined;
  }

  levelOf(id: string): 'province' | 'district' | 'commune' | undefined {
    if (id === this.province.id) return 'province';
    if (this.appraisingLevel === 'district' && this.byUnit.has(id)) return 'district';
    if (this.communes.has(id)) return 'commune';
    return undefined;
  }

  /** What authorise() needs; `cycle`: the units are a cycle's, so appraising roles are narrowed by its level. */
  directory(cycle: boolean): UnitDirectory {
    return {
      levelOf: (id) => this.levelOf(id),
      districtOf: (id) => this.communes.get(id)?.districtId,
      ...(cycle ? { appraisingLevel: this.appraisingLevel } : {}),
    };
  }

  /** The organisation's ranking blocks, for shared/analysis.ts. */
  blocks(): Blocks {
    const blocks = this.org.rankingBlocks;
    return { order: blocks.map((b) => b.id), of: (kind) => rankingBlockOf(blocks, kind) };
  }
}

export function snapshotOf(p: ProvinceConfig, organisationId?: string): OrganisationSnapshot {
  return { province: { id: p.id, name: p.name }, organisation: resolveOrganisation(p, organisationId) };
}

/**
 * A cycle stored before cycles kept their organisation: the organisation in force at the end of its
 * year (the current one if none is).
 */
export function fallbackOrganisationId(p: ProvinceConfig, year: number): string | undefined {
  return organisationAt(p, `${year}-12-31`)?.id;
}

/**
 * The catalog's directory: the current organisation's units, and an account of any era's organisation
 * (`eras`) fits its role's level there; one id may name a district then and a commune now.
 */
export function eraDirectory(current: Units, eras: readonly Units[]): UnitDirectory {
  return { ...current.directory(false), isAt: (id, level) => eras.some((u) => u.levelOf(id) === level) };
}
