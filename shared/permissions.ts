/** Roles and what each may do, as data; scope (which units) is decided by `canSeeUnit`. */
export const ROLES = [
  'commune_officer',
  'commune_chair',
  'district_appraiser',
  'district_secretary',
  'district_chair',
  'province',
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

export const roleLabel: Record<Role, string> = {
  commune_officer: 'Công chức cấp xã',
  commune_chair: 'Chủ tịch UBND cấp xã',
  district_appraiser: 'Thành viên Tổ giúp việc (thẩm định)',
  district_secretary: 'Thư ký Hội đồng thẩm định',
  district_chair: 'Chủ tịch UBND cấp huyện',
  province: 'Sở Nội vụ',
  operator: 'Quản trị hệ thống',
};

export type Action =
  | 'assessment.read'
  | 'self.edit'
  | 'self.submit'
  | 'evidence.edit'
  | 'appraisal.edit'
  | 'appraisal.return'
  | 'appraisal.complete'
  | 'appraisal.assign'
  | 'deadline.manage'
  | 'ranking.read'
  | 'ranking.decide'
  | 'cycle.manage'
  | 'results.readAll';

const READ: Action[] = ['assessment.read'];
export const permissions: Record<Role, readonly Action[]> = {
  commune_officer: [...READ, 'self.edit', 'evidence.edit'],
  commune_chair: [...READ, 'self.edit', 'evidence.edit', 'self.submit'],
  district_appraiser: [...READ, 'appraisal.edit', 'ranking.read'],
  district_secretary: [
    ...READ,
    'appraisal.edit',
    'appraisal.return',
    'appraisal.complete',
    'appraisal.assign',
    'deadline.manage',
    'ranking.read',
  ],
  district_chair: [...READ, 'ranking.read', 'ranking.decide'],
  province: [...READ, 'ranking.read', 'cycle.manage', 'results.readAll'],
  // Operators deploy and configure; they see no scores.
  operator: [],
};

export type RoleLevel = 'commune' | 'district' | 'province';
export const levelOf = (role: Role): RoleLevel =>
  role.startsWith('commune_') ? 'commune' : role.startsWith('district_') ? 'district' : 'province';

export interface Principal {
  sub: string;
  name: string;
  role: Role;
  unitId: string;
  /** Areas an appraiser is limited to; undefined = all. */
  areas?: string[];
}

export function can(p: Pick<Principal, 'role'>, action: Action): boolean {
  return permissions[p.role].includes(action);
}

/** Whether the caller's unit covers a commune (its own commune, its district, or the province). */
export function canSeeUnit(p: Principal, target: { unitId: string; districtId: string; provinceId: string }): boolean {
  switch (levelOf(p.role)) {
    case 'commune':
      return p.unitId === target.unitId;
    case 'district':
      return p.unitId === target.districtId;
    case 'province':
      return p.unitId === target.provinceId;
  }
}

export function mayAppraiseArea(p: Principal, area: string): boolean {
  if (p.role === 'district_secretary') return true;
  return p.role === 'district_appraiser' && (p.areas === undefined || p.areas.includes(area));
}
