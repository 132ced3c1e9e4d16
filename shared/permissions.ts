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
  'province_appraiser',
  'province_secretary',
  'province_chair',
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
  province_appraiser: 'Thành viên Tổ giúp việc Hội đồng thẩm định tỉnh',
  province_secretary: 'Thư ký Hội đồng thẩm định tỉnh',
  province_chair: 'Chủ tịch UBND tỉnh',
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
  /** Write, import, activate and retire the province's criteria frameworks (Sở Nội vụ). */
  | 'framework.manage'
  /** Set the points of a framework's survey rows by hand (the council's secretary). */
  | 'survey.enter'
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
    'survey.enter',
  ],
  district_chair: [...DISTRICT_READ, 'ranking.decide'],
  // The province's council and chairman: in a province-level cycle what the district's may in a
  // district-level one (authorise() narrows them to `province`'s in a district-level cycle).
  province_appraiser: [...DISTRICT_READ, 'appraisal.edit'],
  province_secretary: [
    ...DISTRICT_READ,
    'appraisal.edit',
    'appraisal.return',
    'appraisal.complete',
    'appraisal.assign',
    'deadline.manage',
    'survey.enter',
    // The province's workbook: the secretary and the chairman read every unit of it already (the
    // appraiser's areas may be limited, so not the appraiser).
    'results.readAll',
  ],
  province_chair: [...DISTRICT_READ, 'ranking.decide', 'results.readAll'],
  province: [...DISTRICT_READ, 'cycle.manage', 'framework.manage', 'results.readAll'],
  // Operators deploy and configure; they see no scores.
  operator: ['catalog.read'],
};

export type RoleLevel = 'commune' | 'district' | 'province';
export const levelOf = (role: Role): RoleLevel =>
  role.startsWith('commune_') ? 'commune' : role.startsWith('district_') ? 'district' : 'province';

/** Who appraises a cycle's communes: the districts (Decision 4203, 2021) or the province (since 1 July 2025). */
export type CycleLevel = 'district' | 'province';

/** The roles of an appraising unit's council and chair, and the level of cycle they act in. */
export const appraisingRoleLevel = (role: Role): CycleLevel | undefined =>
  role.startsWith('district_') ? 'district' : role.startsWith('province_') ? 'province' : undefined;

/** The appraiser role of a cycle level, and the secretary role (who appraises every area). */
export const appraiserRole = (level: CycleLevel): Role => (level === 'province' ? 'province_appraiser' : 'district_appraiser');
export const secretaryRole = (level: CycleLevel): Role => (level === 'province' ? 'province_secretary' : 'district_secretary');

export interface Principal {
  sub: string;
  name: string;
  role: Role;
  unitId: string;
  /** The token's `email` claim: what an appraiser assignment names (shared/assignments.ts namesUser). */
  email?: string;
  /** Areas an appraiser is limited to; undefined = all. */
  areas?: string[];
  /** Communes an appraiser is limited to (their stored assignment); undefined = every commune of the unit. */
  communes?: string[];
}

export function can(p: Pick<Principal, 'role'>, action: Action): boolean {
  return action === 'public.read' || permissions[p.role].includes(action);
}

/** An appraiser's areas (the secretary appraises every area); `authorise()` applies it to a resource's area. */
export function mayAppraiseArea(p: Principal, area: string): boolean {
  if (p.role === 'district_secretary' || p.role === 'province_secretary') return true;
  return (
    (p.role === 'district_appraiser' || p.role === 'province_appraiser') && (p.areas === undefined || p.areas.includes(area))
  );
}

/** The province's units as `authorise()` needs them; functions/ passes its own in, so shared/ stays pure. */
export interface UnitDirectory {
  /** The level of a unit of this province; undefined for an id that names none of its units. */
  levelOf(unitId: string): RoleLevel | undefined;
  /** The appraising unit of a commune: its district, or the province in a province-level cycle. */
  districtOf(communeId: string): string | undefined;
  /**
   * The appraising level of the cycle whose units these are; undefined outside a cycle (the
   * catalog), where no appraising role is narrowed.
   */
  appraisingLevel?: CycleLevel;
  /**
   * Whether an account's unit is a unit of that level. Outside a cycle an account may belong to any
   * era's organisation, where one id can name a district then and a commune now (Huyện Phú Bình, Xã Phú
   * Bình); default: `levelOf(unitId) === level`.
   */
  isAt?(unitId: string, level: RoleLevel): boolean;
}

/**
 * What a route acts on: one commune (`unitId`, optionally one `area` of its assessment), one
 * appraising unit (`districtId`: a district, or the province's id in a province-level cycle), or, with
 * neither, the province as a whole.
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
  'survey.enter': { scope: 'Bạn không có quyền với hồ sơ của đơn vị này.' },
  'framework.manage': {
    role: 'Chỉ Sở Nội vụ được soạn, nhập, đưa vào sử dụng và ngừng bộ tiêu chí.',
    scope: 'Chỉ Sở Nội vụ được soạn bộ tiêu chí.',
  },
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
  const cycleLevel = r.units.appraisingLevel;
  const roleCycle = appraisingRoleLevel(p.role);
  // A district's council has no say in a cycle the province appraises (there are no districts).
  if (cycleLevel === 'province' && roleCycle === 'district' && action !== 'catalog.read')
    return refuse('forbidden', 'Kỳ đánh giá này do Hội đồng thẩm định cấp tỉnh thẩm định; vai trò cấp huyện không có quyền.');
  if (!(r.units.isAt ? r.units.isAt(p.unitId, level) : r.units.levelOf(p.unitId) === level))
    return refuse(
      'forbidden',
      `Tài khoản của bạn không gắn với một đơn vị ${levelName[level]} của tỉnh này như vai trò yêu cầu; liên hệ quản trị hệ thống.`,
    );
  const messages = refusalMessage[action];
  const onProvince = r.unitId === undefined && r.districtId === undefined;
  // The province council's and chairman's own unit is the province: its results are theirs to read
  // (in a district-level cycle no more than `province` may, below).
  const ownUnit = roleCycle === 'province';
  const needs: Action = action === 'results.read' && onProvince && !ownUnit ? 'results.readAll' : action;
  // In a district-level cycle the province's council and chair may what the province may, no more.
  const narrowed = cycleLevel === 'district' && roleCycle === 'province';
  if (!can(p, needs) || (narrowed && !can({ role: 'province' }, needs)))
    return refuse('forbidden', messages?.role ?? DEFAULT_REFUSAL);

  const appraisingUnitLevel: RoleLevel = cycleLevel === 'province' ? 'province' : 'district';
  let districtId = r.districtId;
  if (r.unitId !== undefined) {
    if (r.units.levelOf(r.unitId) !== 'commune') return refuse('not-found', `Không có đơn vị cấp xã mã "${r.unitId}"`);
    districtId = r.units.districtOf(r.unitId);
  } else if (districtId !== undefined && r.units.levelOf(districtId) !== appraisingUnitLevel)
    return refuse(
      'not-found',
      cycleLevel === 'province'
        ? `Kỳ đánh giá này do tỉnh thẩm định; không có đơn vị thẩm định mã "${districtId}"`
        : `Không có đơn vị cấp huyện mã "${districtId}"`,
    );

  const inScope =
    onProvince ||
    level === 'province' ||
    (level === 'district' && p.unitId === districtId) ||
    (level === 'commune' && r.unitId !== undefined && p.unitId === r.unitId);
  if (!inScope) return refuse('forbidden', messages?.scope ?? DEFAULT_REFUSAL);

  if (r.area !== undefined && !mayAppraiseArea(p, r.area))
    return refuse('forbidden', `Bạn không được phân công thẩm định lĩnh vực ${r.area}`, [{ area: r.area }]);
  if (action === 'appraisal.edit' && r.unitId !== undefined && p.communes !== undefined && !p.communes.includes(r.unitId))
    return refuse('forbidden', 'Bạn không được phân công thẩm định đơn vị này.', [{ unitId: r.unitId }]);
  return ALLOWED;
}

/** `authorise()` as a yes or no, for filtering lists. */
export function permits(p: Principal | undefined, action: Action, r: Resource): boolean {
  return authorise(p, action, r).allowed;
}
