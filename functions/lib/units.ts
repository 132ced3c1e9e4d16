/** The province's units come from its deployment config (provinces/), bundled into each function. */
import { provinceConfig, type ProvinceConfig } from '../../provinces/index.js';
import type { UnitKind } from '../../shared/framework.js';
import { NotFound } from '../../shared/errors.js';

export interface CommuneRef {
  id: string;
  name: string;
  kind: UnitKind;
  districtId: string;
  districtName: string;
  provinceId: string;
}

export class Units {
  readonly communes: ReadonlyMap<string, CommuneRef>;
  constructor(readonly province: ProvinceConfig) {
    const m = new Map<string, CommuneRef>();
    for (const d of province.districts)
      for (const c of d.communes) m.set(c.id, { ...c, districtId: d.id, districtName: d.name, provinceId: province.id });
    this.communes = m;
  }
  static forProvince(id: string): Units {
    return new Units(provinceConfig(id));
  }
  commune(id: string): CommuneRef {
    const c = this.communes.get(id);
    if (!c) throw new NotFound(`Không có đơn vị cấp xã mã "${id}"`);
    return c;
  }
  district(id: string) {
    const d = this.province.districts.find((x) => x.id === id);
    if (!d) throw new NotFound(`Không có đơn vị cấp huyện mã "${id}"`);
    return d;
  }
  /** Whether `id` names a unit of this province at any level. */
  has(id: string): boolean {
    return id === this.province.id || this.communes.has(id) || this.province.districts.some((d) => d.id === id);
  }
  levelOf(id: string): 'province' | 'district' | 'commune' | undefined {
    if (id === this.province.id) return 'province';
    if (this.province.districts.some((d) => d.id === id)) return 'district';
    if (this.communes.has(id)) return 'commune';
    return undefined;
  }
}
