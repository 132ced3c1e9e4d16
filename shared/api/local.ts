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
    summaryVi: 'Đăng nhập khi chạy trên máy: cấp mã đăng nhập cho một vai trò và một đơn vị. Chỉ có ở bản chạy trên máy.',
    who: 'anyone, locally',
    request: devTokenRequest,
    status: 200,
    response: devTokenResponse,
    errors: ['VALIDATION', 'TOO_LARGE'],
  }),
} as const;
