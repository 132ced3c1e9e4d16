/**
 * The API's routes as the CDK app (HTTP API routes, one Lambda per group) and the local router read
 * them, derived from the one table in shared/api/. `routeKey` is API Gateway's "METHOD /path/{param}".
 */
import { ENDPOINTS, LOCAL_ENDPOINTS, routeKeyOf, type FunctionName } from '../shared/api/index.js';

export type { FunctionName } from '../shared/api/index.js';

export interface RouteDef {
  routeKey: string;
  fn: FunctionName;
  /** false: no JWT needed (health, public results, the OpenAPI document). */
  auth: boolean;
}

/** Entry file of each Lambda, relative to the repository root; each exports `handler` made by createApi. */
export const FUNCTION_ENTRIES: Record<FunctionName, string> = {
  'manage-cycles': 'functions/manage-cycles.ts',
  'manage-self-assessment': 'functions/manage-self-assessment.ts',
  'manage-evidence': 'functions/manage-evidence.ts',
  'appraise-assessment': 'functions/appraise-assessment.ts',
  'rank-and-publish': 'functions/rank-and-publish.ts',
  'export-reports': 'functions/export-reports.ts',
};

// Public routes (auth: false) never show anything unpublished: API Gateway cannot make a JWT optional
// on one route, so the signed-in province view is /consolidated and /results is the published part.
export const ROUTES: RouteDef[] = Object.values(ENDPOINTS).map((e) => ({ routeKey: routeKeyOf(e), fn: e.group, auth: e.auth }));

/** The lifecycle state machine's task function (not behind the API). */
export const LIFECYCLE_TASK_ENTRY = 'functions/run-lifecycle-task.ts';

/** Only in the local stack, never deployed (test/infra asserts it). */
export const LOCAL_ONLY_ROUTES: readonly string[] = Object.values(LOCAL_ENDPOINTS).map(routeKeyOf);
