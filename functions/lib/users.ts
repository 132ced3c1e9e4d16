/**
 * The users directory of the appraisal function (shared/users.ts): Cognito's user pool deployed
 * (ListUsers, granted to this function only), or what the local stack plugs in (local/users.ts).
 * Only functions/appraise-assessment.ts imports this module, so no other bundle carries the Cognito client.
 */
import { CognitoIdentityProviderClient, ListUsersCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { DirectoryUser, UserDirectory } from '../../shared/users.js';
import { stopAtDeadline } from './invocation.js';

const attr = (u: UserType, name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;

/** A Cognito user as the directory shows them; a disabled user, or one without e-mail or unit, is nobody to assign. */
export function fromCognito(u: UserType): DirectoryUser | undefined {
  const email = attr(u, 'email');
  const sub = attr(u, 'sub');
  const unitId = attr(u, 'custom:unitId');
  if (!email || !sub || !unitId || u.Enabled === false) return undefined;
  return { id: email, email, sub, unitId, name: attr(u, 'name') ?? email };
}

/** ListUsers filters only on standard attributes: a unit's users are read page by page and kept by `custom:unitId`. */
export function cognitoDirectory(
  userPoolId: string,
  client: Pick<CognitoIdentityProviderClient, 'send'> = stopAtDeadline(new CognitoIdentityProviderClient({ maxAttempts: 3 })),
): UserDirectory {
  async function list(filter?: string): Promise<DirectoryUser[]> {
    const out: DirectoryUser[] = [];
    let token: string | undefined;
    do {
      const r = await client.send(
        new ListUsersCommand({
          UserPoolId: userPoolId,
          Limit: 60,
          ...(filter ? { Filter: filter } : {}),
          PaginationToken: token,
        }),
      );
      for (const u of r.Users ?? []) {
        const d = fromCognito(u);
        if (d) out.push(d);
      }
      token = r.PaginationToken;
    } while (token);
    return out;
  }
  return {
    async appraisersOf(unitId) {
      return (await list()).filter((u) => u.unitId === unitId).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },
    async find(id) {
      const v = id.trim();
      // A quote or backslash cannot be in an e-mail or a sub, and would break out of the filter's string.
      if (!v || /["\\]/.test(v)) return undefined;
      if (!v.includes('@')) return (await list(`sub = "${v}"`))[0];
      // The filter compares exactly; Cognito keeps the e-mail as it was entered, usually in lower case.
      return (
        (await list(`email = "${v}"`))[0] ?? (v !== v.toLowerCase() ? (await list(`email = "${v.toLowerCase()}"`))[0] : undefined)
      );
    },
  };
}

let directory: UserDirectory | undefined;

/** The directory in use: Cognito's user pool named by USER_POOL_ID unless the local stack plugged its own in. */
export function userDirectory(): UserDirectory {
  if (!directory) {
    const pool = process.env.USER_POOL_ID;
    if (!pool) throw new Error('Missing environment variable USER_POOL_ID');
    directory = cognitoDirectory(pool);
  }
  return directory;
}

/** The local stack's directory of local users (local/users.ts), in place of Cognito. */
export function useUserDirectory(d: UserDirectory): void {
  directory = d;
}
