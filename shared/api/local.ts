/** Routes of the local stack only (local/dev-token.ts); never deployed, test/infra asserts it. */
import * as z from 'zod';
import { devTokenRequest, role } from '../schemas.js';
import { endpoint } from './endpoint.js';

export const devTokenResponse = z.object({ token: z.string() });

export type DevTokenResponse = z.infer<typeof devTokenResponse>;

/** The local directory of users (local/users.ts): who the sign-in page offers. */
export const devUsersResponse = z.object({
  users: z.array(z.object({ email: z.string(), name: z.string(), role, unitId: z.string() })),
});
export type DevUsersResponse = z.infer<typeof devUsersResponse>;

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
  listDevUsers: endpoint({
    method: 'GET',
    path: '/api/dev/users',
    group: 'local',
    auth: false,
    summary:
      "Local sign-in: the demo's directory of users (role, unit, name, e-mail). Only in the local stack; deployed, users are in Cognito.",
    summaryVi: 'Danh bạ người dùng mẫu (vai trò, đơn vị, họ tên, email). Chỉ có ở bản chạy trên máy.',
    who: 'anyone, locally',
    status: 200,
    response: devUsersResponse,
    errors: [],
  }),
} as const;
