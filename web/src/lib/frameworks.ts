/**
 * The frameworks a page reads (shared/framework-registry.ts), fetched once per tab: nothing is compiled
 * into the web any more. A page's load awaits `ensureFramework` for the cycle it shows before the page
 * calls `getFramework`, so the page itself stays synchronous.
 */
import { error } from '@sveltejs/kit';
import { registerFramework, frameworkDocumentOf } from '$shared/framework-registry';
import { docOfResponse } from '$shared/frameworks/convert';
import { ApiError, call } from './api';

const loading = new Map<string, Promise<void>>();

export function ensureFramework(id: string): Promise<void> {
  if (frameworkDocumentOf(id)?.status === 'active' || frameworkDocumentOf(id)?.status === 'retired') return Promise.resolve();
  let p = loading.get(id);
  if (!p) {
    p = call('getFramework', { frameworkId: id }).then(
      (r) => registerFramework(docOfResponse(r)),
      (e: unknown) => {
        loading.delete(id);
        if (e instanceof ApiError) error(e.status || 503, e.message);
        throw e;
      },
    );
    loading.set(id, p);
  }
  return p;
}
