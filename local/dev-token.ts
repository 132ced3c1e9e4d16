/** POST /api/dev/token: local sign-in (pick a role and a unit). Exists only in the local stack. */
import { errorResult } from '../functions/lib/http.js';
import { Units } from '../functions/lib/units.js';
import type { ProvinceConfig } from '../provinces/types.js';
import { provinceOrganisations } from '../shared/organisation.js';
import { InvalidInput } from '../shared/errors.js';
import { levelOf, roleLabel } from '../shared/permissions.js';
import { devTokenRequest } from '../shared/schemas.js';
import { withoutDiacritics } from '../shared/text.js';
import { signJwt } from './jwt.js';
import type { LocalRoute } from './server.js';

const slug = (s: string) =>
  withoutDiacritics(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

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
          'Yêu cầu cấp token không hợp lệ: cần {"role", "unitId"?, "areas"?, "name"?}.',
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
    const claims = {
      // Stable per role, unit and name, so the district's assignment of areas finds the same appraiser.
      sub: `local:${role}:${unitId}:${slug(name ?? 'mac-dinh')}`,
      name: name ?? `${roleLabel[role]} — ${unitName}`,
      role,
      unitId,
      ...((role === 'district_appraiser' || role === 'province_appraiser') && areas ? { areas } : {}),
    };
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ token: signJwt(claims, secret) }),
    };
  };
}
