/** Routes of the local stack only (local/dev-token.ts); never deployed, test/infra asserts it. */
import * as z from 'zod';
import { devTokenRequest } from '../schemas.js';
import { endpoint } from './endpoint.js';

export const devTokenResponse = z.object({ token: z.string() });

export type DevTokenResponse = z.infer<typeof devTokenResponse>;

export const localEndpoints = {
  issueDevToken: endpoint({
    method: 'POST',
    path: '/api/dev/token',
    group: 'local',
    auth: false,
    summary:
      'Local sign-in: a signed token for a role and a unit. Only in the local stack (npm start); the deployed API has no such route and signs in with Cognito.',
    who: 'anyone, locally',
    request: devTokenRequest,
    status: 200,
    response: devTokenResponse,
    errors: ['VALIDATION', 'TOO_LARGE'],
  }),
} as const;
