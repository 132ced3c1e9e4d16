import { load as fetchOrFail } from '$lib/cycles';
import { can } from '$shared/permissions';

/** The framework to edit (a draft) or to read (active, retired); only the province authors (the server checks too). */
export async function load({ params, parent }) {
  const { user } = await parent();
  if (!user || !can(user, 'framework.manage')) return { framework: undefined };
  return { framework: await fetchOrFail('getFramework', { frameworkId: params.frameworkId }) };
}
