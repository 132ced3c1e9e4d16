/**
 * The users-directory port: who may be named in an appraiser assignment. Deployed it is Cognito's user
 * pool (functions/lib/users.ts, ListUsers); locally the demo's directory of local users (local/users.ts).
 */
import type { Role } from './permissions.js';

/** A user as the assignment form shows them; `id` is what an assignment stores (the e-mail). */
export interface DirectoryUser {
  id: string;
  /** Absent only for a local user who signed in by typing a name (known by their sub). */
  email?: string;
  name: string;
  unitId: string;
  /** The token's `sub` (Cognito's UUID; locally the dev token's id): what assignments were stored by before e-mails. */
  sub: string;
  /** Known locally; Cognito's ListUsers gives attributes, not groups. */
  role?: Role;
}

export interface UserDirectory {
  /**
   * The users who may appraise for an appraising unit (a district, or the province at province level):
   * locally those of the appraiser role; deployed every user of the unit (the role is a Cognito group).
   */
  appraisersOf(unitId: string, appraiserRole: Role): Promise<DirectoryUser[]>;
  /** The user an assignment's id names (their e-mail, any case, or their sub), or undefined. */
  find(id: string): Promise<DirectoryUser | undefined>;
}

/** E-mails compare without case (Cognito keeps the case typed; officials type either). */
export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
