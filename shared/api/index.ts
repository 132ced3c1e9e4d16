/**
 * The API's one table of endpoints, keyed by name (the OpenAPI operationId). functions/routes.ts, the
 * Lambda entries (createApi), the local router, the CDK app, the OpenAPI document, the web client and
 * the tests all derive from it.
 */
import { appraisal } from './appraisal.js';
import { assessments } from './assessments.js';
import { catalog } from './catalog.js';
import type { EndpointDef, FunctionName } from './endpoint.js';
import { evidenceEndpoints } from './evidence.js';
import { frameworks } from './frameworks.js';
import { localEndpoints } from './local.js';
import { rankings } from './rankings.js';
import { reports } from './reports.js';

export const ENDPOINTS = {
  ...catalog,
  ...frameworks,
  ...assessments,
  ...evidenceEndpoints,
  ...appraisal,
  ...rankings,
  ...reports,
} as const satisfies Record<string, EndpointDef & { group: FunctionName }>;

/** Served by the local stack only; in the OpenAPI document marked `x-local-only`. */
export const LOCAL_ENDPOINTS = localEndpoints;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;
export type AllEndpoints = Endpoints & typeof LOCAL_ENDPOINTS;
/** The endpoints a Lambda serves. */
export type NamesOf<G extends FunctionName> = { [N in EndpointName]: Endpoints[N]['group'] extends G ? N : never }[EndpointName];

export * from './endpoint.js';
export * from './error.js';
export { healthResponse, openApiResponse } from './catalog.js';
export {
  evidenceConfirmResponse,
  evidenceDownloadResponse,
  type EvidenceConfirmResponse,
  type EvidenceDownloadResponse,
} from './evidence.js';
export { devTokenResponse, devUsersResponse, type DevTokenResponse, type DevUsersResponse } from './local.js';
export * from './rankings.js';
export * from '../frameworks/wire.js';
export { XLSX } from './reports.js';
