/**
 * POST /api/dev/token: local sign-in (pick a role and a unit, then a user of the local directory or a
 * typed name); GET /api/dev/users: that directory (local/users.ts). Exist only in the local stack.
 */
import { errorResult } from '../functions/lib/http.js';
import { Units } from '../functions/lib/units.js';
import type { ProvinceConfig } from '../provinces/types.js';
import { provinceOrganisations } from '../shared/organisation.js';
import { InvalidInput } from '../shared/errors.js';
import { levelOf, roleLabel } from '../shared/permissions.js';
import { devTokenRequest } from '../shared/schemas.js';
import { sameEmail } from '../shared/users.js';
import { signJwt } from './jwt.js';
import type { LocalRoute } from './server.js';
import { localSub, localUsers } from './users.js';

/** A unit of any organisation cycles run in: sign-in offers the communes and districts of every era. */
function lookup(p: ProvinceConfig) {
  const all = provinceOrganisations(p)
    .organisations.filter((o) => o.cyclesRunHere !== false)
    .map((o) => Units.of(p, o.id));
  return {
    province: { id: p.id, name: p.name },
    // One id may name a district in one era and a commune in the next (Huyện Phú Bình, Xã Phú Bình).
    isAt: (id: string, level: 'commune' | 'district' | 'province') => all.some((u) => u.levelOf(id) === level),
    name: (id: string, level: 'commune' | 'district') =>
      all
        .map((u) =>
          level === 'commune' ? u.communes.get(id)?.name : u.levelOf(id) === 'district' ? u.district(id).name : undefined,
        )
        .find(Boolean) ?? id,
  };
}

export function devTokenRoute(province: () => ProvinceConfig, secret: string): LocalRoute {
  return async (body) => {
    const units = lookup(province());
    const r = devTokenRequest.safeParse(body);
    if (!r.success)
      return errorResult(
        new InvalidInput(
          'Yêu cầu cấp token không hợp lệ: cần {"role", "unitId"?, "email"?, "areas"?, "name"?}.',
          r.error.issues.flatMap((i) =>
            i.code === 'unrecognized_keys'
              ? i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: i.message }))
              : [{ field: i.path.join('.') || '(body)', message: i.message }],
          ),
        ),
      );
    const { role, areas, name } = r.data;
    const level = levelOf(role);
    const unitId = r.data.unitId ?? (level === 'province' ? units.province.id : undefined);
    if (!unitId || !units.isAt(unitId, level))
      return errorResult(
        new InvalidInput(
          `Đơn vị "${r.data.unitId ?? ''}" không phải đơn vị cấp ${level === 'commune' ? 'xã' : level === 'district' ? 'huyện' : 'tỉnh'} của tỉnh này.`,
          [{ field: 'unitId' }],
        ),
      );
    const unitName = level === 'province' ? units.province.name : units.name(unitId, level);
    // A user of the directory, picked by e-mail or typed by name: the token carries their e-mail, as Cognito's does.
    const directory = localUsers(province()).filter((u) => u.role === role && u.unitId === unitId);
    const user = r.data.email
      ? directory.find((u) => sameEmail(u.email, r.data.email!))
      : name
        ? directory.find((u) => localSub(role, unitId, u.name) === localSub(role, unitId, name))
        : undefined;
    if (r.data.email && !user)
      return errorResult(
        new InvalidInput(`Không có người dùng "${r.data.email}" với vai trò và đơn vị này trong danh sách người dùng.`, [
          { field: 'email' },
        ]),
      );
    const claims = {
      // Stable per role, unit and name, so the district's assignment of areas finds the same appraiser.
      sub: localSub(role, unitId, user?.name ?? name),
      name: user?.name ?? name ?? `${roleLabel[role]} — ${unitName}`,
      role,
      unitId,
      ...(user ? { email: user.email } : {}),
      ...((role === 'district_appraiser' || role === 'province_appraiser') && areas ? { areas } : {}),
    };
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ token: signJwt(claims, secret) }),
    };
  };
}

/** GET /api/dev/users: the local directory, for the sign-in page's list of users. */
export function devUsersRoute(province: () => ProvinceConfig): LocalRoute {
  return async () => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ users: localUsers(province()) }),
  });
}
