/**
 * Roles and what each may do, as data, and `authorise()`: the one decision of every route (role, the
 * caller's own unit, the scope of the unit acted on, an appraiser's areas).
 */
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
  /** Routes without sign-in: health, public results. */
  | 'public.read'
  /** The province's units, the frameworks, the list of cycles: every signed-in role. */
  | 'catalog.read'
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
  | 'assignments.read'
  /** Consolidated results: the whole province (needs results.readAll) or one district (needs ranking.read). */
  | 'results.read'
  | 'cycle.manage'
  | 'results.readAll';

const READ: Action[] = ['catalog.read', 'assessment.read'];
const DISTRICT_READ: Action[] = [...READ, 'ranking.read', 'assignments.read', 'results.read'];
export const permissions: Record<Role, readonly Action[]> = {
  commune_officer: [...READ, 'self.edit', 'evidence.edit'],
  commune_chair: [...READ, 'self.edit', 'evidence.edit', 'self.submit'],
  district_appraiser: [...DISTRICT_READ, 'appraisal.edit'],
  district_secretary: [
    ...DISTRICT_READ,
    'appraisal.edit',
    'appraisal.return',
    'appraisal.complete',
    'appraisal.assign',
    'deadline.manage',
  ],
  district_chair: [...DISTRICT_READ, 'ranking.decide'],
  province: [...DISTRICT_READ, 'cycle.manage', 'results.readAll'],
  // Operators deploy and configure; they see no scores.
  operator: ['catalog.read'],
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
  return action === 'public.read' || permissions[p.role].includes(action);
}

/** An appraiser's areas (the secretary appraises every area); `authorise()` applies it to a resource's area. */
export function mayAppraiseArea(p: Principal, area: string): boolean {
  if (p.role === 'district_secretary') return true;
  return p.role === 'district_appraiser' && (p.areas === undefined || p.areas.includes(area));
}

/** The province's units as `authorise()` needs them; functions/ passes its own in, so shared/ stays pure. */
export interface UnitDirectory {
  /** The level of a unit of this province; undefined for an id that names none of its units. */
  levelOf(unitId: string): RoleLevel | undefined;
  /** The district of a commune of this province. */
  districtOf(communeId: string): string | undefined;
}

/**
 * What a route acts on: one commune (`unitId`, optionally one `area` of its assessment), one district
 * (`districtId`), or, with neither, the province as a whole.
 */
export interface Resource {
  units: UnitDirectory;
  unitId?: string;
  districtId?: string;
  area?: string;
}

export type Refusal = 'unauthenticated' | 'forbidden' | 'not-found';
export type Decision = { allowed: true } | { allowed: false; refusal: Refusal; message: string; details?: unknown };

const ALLOWED: Decision = { allowed: true };
const refuse = (refusal: Refusal, message: string, details?: unknown): Decision => ({
  allowed: false,
  refusal,
  message,
  ...(details === undefined ? {} : { details }),
});

const DEFAULT_REFUSAL = 'Bạn không có quyền thực hiện thao tác này.';
/** What a refusal says, by action, when the role may not or the unit is outside the caller's scope. */
const refusalMessage: Partial<Record<Action, { role?: string; scope: string }>> = {
  'assessment.read': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'self.edit': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'self.submit': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'evidence.edit': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'appraisal.edit': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'appraisal.return': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'appraisal.complete': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'deadline.manage': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'appraisal.assign': { scope: 'Bạn chỉ phân công thẩm định trong đơn vị của mình.' },
  'ranking.decide': { scope: 'Bạn chỉ quyết định bảng xếp hạng của đơn vị mình.' },
  'ranking.read': {
    role: 'Bạn không có quyền xem bảng xếp hạng của đơn vị này.',
    scope: 'Bạn không có quyền xem bảng xếp hạng của đơn vị này.',
  },
  'assignments.read': {
    role: 'Bạn không có quyền xem phân công của đơn vị này.',
    scope: 'Bạn không có quyền xem phân công của đơn vị này.',
  },
  'results.read': { role: 'Bạn không có quyền xem kết quả tổng hợp.', scope: 'Bạn không có quyền xem kết quả tổng hợp.' },
};

const levelName: Record<RoleLevel, string> = { commune: 'cấp xã', district: 'cấp huyện', province: 'cấp tỉnh' };

/** The unit a caller's role covers, as a resource: its commune, its district, or the whole province. */
export function ownScope(p: Principal): { unitId?: string; districtId?: string } {
  const level = levelOf(p.role);
  return level === 'commune' ? { unitId: p.unitId } : level === 'district' ? { districtId: p.unitId } : {};
}

/**
 * The one decision of every route. In order: a signed-in caller (unless the route is public); the
 * caller's unit is a unit of this province at its role's level (a province-level role's unit is the
 * province itself), so a mis-provisioned account gets nothing; the role grants the action; the unit
 * acted on exists; it lies within the caller's unit; an appraiser stays within the areas assigned.
 */
export function authorise(p: Principal | undefined, action: Action, r: Resource): Decision {
  if (action === 'public.read') return ALLOWED;
  if (!p) return refuse('unauthenticated', 'Bạn cần đăng nhập.');
  const level = levelOf(p.role);
  if (r.units.levelOf(p.unitId) !== level)
    return refuse(
      'forbidden',
      `Tài khoản của bạn không gắn với một đơn vị ${levelName[level]} của tỉnh này như vai trò yêu cầu; liên hệ quản trị hệ thống.`,
    );
  const messages = refusalMessage[action];
  const onProvince = r.unitId === undefined && r.districtId === undefined;
  const needs: Action = action === 'results.read' && onProvince ? 'results.readAll' : action;
  if (!can(p, needs)) return refuse('forbidden', messages?.role ?? DEFAULT_REFUSAL);

  let districtId = r.districtId;
  if (r.unitId !== undefined) {
    if (r.units.levelOf(r.unitId) !== 'commune') return refuse('not-found', `Không có đơn vị cấp xã mã "${r.unitId}"`);
    districtId = r.units.districtOf(r.unitId);
  } else if (districtId !== undefined && r.units.levelOf(districtId) !== 'district')
    return refuse('not-found', `Không có đơn vị cấp huyện mã "${districtId}"`);

  const inScope =
    onProvince ||
    level === 'province' ||
    (level === 'district' && p.unitId === districtId) ||
    (level === 'commune' && r.unitId !== undefined && p.unitId === r.unitId);
  if (!inScope) return refuse('forbidden', messages?.scope ?? DEFAULT_REFUSAL);

  if (r.area !== undefined && !mayAppraiseArea(p, r.area))
    return refuse('forbidden', `Bạn không được phân công thẩm định lĩnh vực ${r.area}`, [{ area: r.area }]);
  return ALLOWED;
}

/** `authorise()` as a yes or no, for filtering lists. */
export function permits(p: Principal | undefined, action: Action, r: Resource): boolean {
  return authorise(p, action, r).allowed;
}
