import type { HandleClientError } from '@sveltejs/kit';
import { unexpectedMessage } from '$lib/error-page';

// SvelteKit would show its English "Not Found" / "Internal Error" for errors the app did not throw itself.
export const handleError: HandleClientError = ({ status, error }) => {
  if (status >= 500) console.error(error);
  return { message: unexpectedMessage(status) };
};
