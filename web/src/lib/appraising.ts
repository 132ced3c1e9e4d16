/**
 * Who appraises a cycle, said the same way on every screen: the province's council in a cycle run at
 * province level (since 1 July 2025), the district's council in a district-level one (Decision 4203).
 * Which roles act in a cycle follows from its level: district_* in a district-level cycle,
 * province_* in a province-level one (shared/permissions.ts narrows the others server-side).
 */
import { appraisingBodyNames } from '$shared/labels';
import { appraisingRoleLevel, type Role } from '$shared/permissions';
import type { AppraisingLevelName, UnitsResponse } from '$shared/schemas';

/** "Hội đồng thẩm định tỉnh", or "Hội đồng thẩm định huyện Phú Bình" / "… thành phố Sông Công" (shared/labels.ts names them). */
export const appraisingBody = (level: AppraisingLevelName, unitName?: string): string =>
  appraisingBodyNames(level, unitName).council;

/** Who approves and publishes the ranking. */
export const rankingChair = (level: AppraisingLevelName) => appraisingBodyNames(level).chair;

/** The name of the appraising unit `id` in a cycle's units (a district, or the province). */
export function appraisingUnitName(units: UnitsResponse | undefined, id: string): string | undefined {
  return units?.appraisingUnits.find((u) => u.id === id)?.name ?? (units?.province.id === id ? units.province.name : undefined);
}

/** Whether the role belongs to the council or the chair of this cycle's appraising units. */
export const actsIn = (role: Role, level: AppraisingLevelName) => appraisingRoleLevel(role) === level;

export const isSecretaryRole = (role: Role) => role === 'district_secretary' || role === 'province_secretary';
export const isAppraiserRole = (role: Role) => role === 'district_appraiser' || role === 'province_appraiser';
export const isChairRole = (role: Role) => role === 'district_chair' || role === 'province_chair';
