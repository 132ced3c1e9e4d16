import type { UnitKind } from '../shared/framework.js';
import type { Role } from '../shared/permissions.js';

/** One province's deployment: its units, who appraises, which framework, and the users to bootstrap. */
export interface ProvinceConfig {
  /** Short id used in the stack name and the `-c province=` context (`thai-nguyen`). */
  id: string;
  name: string;
  /** Which council appraises the communes: the district's (Decision 4203) or, since July 2025, the province's. */
  appraisingLevel: 'district' | 'province';
  frameworkId: string;
  districts: { id: string; name: string; communes: { id: string; name: string; kind: UnitKind }[] }[];
  /** Users created in Cognito at deploy time (they get a temporary password by e-mail). */
  bootstrapUsers: { email: string; name: string; role: Role; unitId: string }[];
  /** AWS region and optional account to deploy to. */
  env?: { account?: string; region: string };
}
