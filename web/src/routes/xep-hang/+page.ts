import { error, redirect } from '@sveltejs/kit';
import { enc } from '$lib/api';
import { currentCycle, load as fetchOrFail } from '$lib/cycles';
import { levelOf } from '$shared/permissions';

/** `/xep-hang`: the signed-in district's ranking in the current cycle (the province: its overview). */
export async function load({ parent }) {
  const { user } = await parent();
  if (!user) redirect(307, '/dang-nhap');
  const cycle = currentCycle(await fetchOrFail('listCycles', {}));
  if (!cycle) error(404, 'Chưa có kỳ đánh giá nào.');
  const level = levelOf(user.role);
  if (level === 'district') redirect(307, `/xep-hang/${enc(cycle.id)}/${enc(user.unitId)}`);
  if (user.role === 'province') redirect(307, `/tong-hop/${enc(cycle.id)}`);
  error(403, 'Bảng xếp hạng dành cho UBND cấp huyện và Sở Nội vụ.');
}
