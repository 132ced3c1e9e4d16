import { error, redirect } from '@sveltejs/kit';
import { enc } from '$lib/api';
import { cycleFor, load as fetchOrFail } from '$lib/cycles';
import { appraisingRoleLevel } from '$shared/permissions';

/**
 * `/xep-hang`: the signed-in council's or chairman's ranking in the newest cycle of its level (a
 * district's in a district-level cycle, the province's own in a province-level one); the province's
 * other roles, and a province role while the cycle is appraised by the districts: the overview.
 */
export async function load({ parent }) {
  const { user } = await parent();
  if (!user) redirect(307, '/dang-nhap');
  const cycle = cycleFor(user.role, await fetchOrFail('listCycles', {}));
  if (!cycle) error(404, 'Chưa có kỳ đánh giá nào.');
  const level = appraisingRoleLevel(user.role);
  if (level && level === cycle.appraisingLevel) redirect(307, `/xep-hang/${enc(cycle.id)}/${enc(user.unitId)}`);
  if (level === 'province' || user.role === 'province') redirect(307, `/tong-hop/${enc(cycle.id)}`);
  error(403, 'Bảng xếp hạng dành cho UBND cấp huyện, Hội đồng thẩm định tỉnh, UBND tỉnh và Sở Nội vụ.');
}
