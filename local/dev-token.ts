/** POST /api/dev/token: local sign-in (pick a role and a unit). Exists only in the local stack. */
import { errorResult } from '../functions/lib/http.js';
import type { Units } from '../functions/lib/units.js';
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

export function devTokenRoute(units: Units, secret: string): LocalRoute {
  return async (body) => {
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
    if (!unitId || units.levelOf(unitId) !== level)
      return errorResult(
        new InvalidInput(
          `Đơn vị "${r.data.unitId ?? ''}" không phải đơn vị cấp ${level === 'commune' ? 'xã' : level === 'district' ? 'huyện' : 'tỉnh'} của tỉnh này.`,
          [{ field: 'unitId' }],
        ),
      );
    const unitName =
      level === 'province'
        ? units.province.name
        : level === 'district'
          ? units.district(unitId).name
          : units.commune(unitId).name;
    const claims = {
      // Stable per role, unit and name, so the district's assignment of areas finds the same appraiser.
      sub: `local:${role}:${unitId}:${slug(name ?? 'mac-dinh')}`,
      name: name ?? `${roleLabel[role]} — ${unitName}`,
      role,
      unitId,
      ...(role === 'district_appraiser' && areas ? { areas } : {}),
    };
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ token: signJwt(claims, secret) }),
    };
  };
}
