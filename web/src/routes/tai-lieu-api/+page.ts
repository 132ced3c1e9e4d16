import { error } from '@sveltejs/kit';
import type { OpenApiDoc } from '$lib/api-docs';

/** Public: the API's own OpenAPI 3.1 document (the contract), read as it is served. */
export async function load({ fetch }) {
  const res = await fetch('/api/openapi.json');
  if (!res.ok) error(res.status || 503, 'Không đọc được tài liệu API; vui lòng thử lại sau ít phút.');
  return { doc: (await res.json()) as OpenApiDoc };
}
