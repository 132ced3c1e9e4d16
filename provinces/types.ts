import type { UnitKind } from '../shared/framework.js';
import type { OrganisationDefinition } from '../shared/organisation.js';
import type { Role } from '../shared/permissions.js';

/** One province's deployment: its units, who appraises, which framework, and the users to bootstrap. */
export interface ProvinceConfig {
  /** Short id used in the stack name and the `-c province=` context (`thai-nguyen`). */
  id: string;
  name: string;
  /** Which council appraises the communes: the district's (Decision 4203) or, since July 2025, the province's. */
  appraisingLevel: 'district' | 'province';
  frameworkId: string;
  /**
   * A province without `organisations`: its districts and communes, read as one organisation
   * (shared/organisation.ts provinceOrganisations). Ignored when `organisations` is given.
   */
  districts?: { id: string; name: string; communes: { id: string; name: string; kind: UnitKind }[] }[];
  /**
   * The province's organisations over time (shared/organisation.ts): each cycle runs under one, the one
   * it opened with (a snapshot kept with the cycle).
   */
  organisations?: OrganisationDefinition[];
  /** The organisation a new cycle opens with unless it names another. */
  currentOrganisationId?: string;
  /**
   * The local demo (`npm start`, local/seed.ts): an earlier cycle to seed fully appraised and
   * published beside the current year's, so that year over year has history.
   */
  demo?: { history?: { year: number; organisationId: string } };
  /** Users created in Cognito at deploy time (they get a temporary password by e-mail). */
  bootstrapUsers: { email: string; name: string; role: Role; unitId: string }[];
  /** AWS region and optional account to deploy to. */
  env?: { account?: string; region: string };
}
