import { error, redirect } from '@sveltejs/kit';
import { enc } from '$lib/api';
import { cycleFor, load as fetchOrFail } from '$lib/cycles';

/** `/tong-hop`: the analysis of the current cycle (a council's or chairman's: the newest of its level). */
export async function load({ parent }) {
  const { user } = await parent();
  if (!user) redirect(307, '/dang-nhap');
  const cycle = cycleFor(user.role, await fetchOrFail('listCycles', {}));
  if (!cycle) error(404, 'Chưa có kỳ đánh giá nào.');
  redirect(307, `/tong-hop/${enc(cycle.id)}`);
}
