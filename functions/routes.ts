/**
 * The API's route table: the one source that the CDK app (HTTP API routes, one Lambda per group) and
 * the local router (same event shape) both read. `routeKey` is API Gateway's "METHOD /path/{param}".
 */
export type FunctionName =
  'manage-cycles' | 'manage-self-assessment' | 'manage-evidence' | 'appraise-assessment' | 'rank-and-publish' | 'export-reports';

export interface RouteDef {
  routeKey: string;
  fn: FunctionName;
  /** false: no JWT needed (health, public results). */
  auth: boolean;
}

/** Entry file of each Lambda, relative to the repository root; each exports `handler`. */
export const FUNCTION_ENTRIES: Record<FunctionName, string> = {
  'manage-cycles': 'functions/manage-cycles.ts',
  'manage-self-assessment': 'functions/manage-self-assessment.ts',
  'manage-evidence': 'functions/manage-evidence.ts',
  'appraise-assessment': 'functions/appraise-assessment.ts',
  'rank-and-publish': 'functions/rank-and-publish.ts',
  'export-reports': 'functions/export-reports.ts',
};

const A = '/api/cycles/{cycleId}/assessments/{unitId}';
const R = '/api/cycles/{cycleId}/rankings/{districtId}';

export const ROUTES: RouteDef[] = [
  { routeKey: 'GET /api/health', fn: 'manage-cycles', auth: false },
  { routeKey: 'GET /api/units', fn: 'manage-cycles', auth: true },
  { routeKey: 'GET /api/frameworks/{frameworkId}', fn: 'manage-cycles', auth: true },
  { routeKey: 'GET /api/cycles', fn: 'manage-cycles', auth: true },
  { routeKey: 'POST /api/cycles', fn: 'manage-cycles', auth: true },

  { routeKey: 'GET /api/cycles/{cycleId}/assessments', fn: 'manage-self-assessment', auth: true },
  { routeKey: `GET ${A}`, fn: 'manage-self-assessment', auth: true },
  { routeKey: `PUT ${A}/self`, fn: 'manage-self-assessment', auth: true },
  { routeKey: `POST ${A}/submit`, fn: 'manage-self-assessment', auth: true },
  { routeKey: `GET ${A}/audit`, fn: 'manage-self-assessment', auth: true },

  { routeKey: `POST ${A}/evidence`, fn: 'manage-evidence', auth: true },
  { routeKey: `POST ${A}/evidence/{evidenceId}/confirm`, fn: 'manage-evidence', auth: true },
  { routeKey: `GET ${A}/evidence/{evidenceId}`, fn: 'manage-evidence', auth: true },
  { routeKey: `DELETE ${A}/evidence/{evidenceId}`, fn: 'manage-evidence', auth: true },

  { routeKey: `PUT ${A}/appraisal`, fn: 'appraise-assessment', auth: true },
  { routeKey: `POST ${A}/return`, fn: 'appraise-assessment', auth: true },
  { routeKey: `POST ${A}/complete`, fn: 'appraise-assessment', auth: true },
  { routeKey: `POST ${A}/deadline`, fn: 'appraise-assessment', auth: true },
  { routeKey: `POST ${A}/accept-late`, fn: 'appraise-assessment', auth: true },
  { routeKey: 'GET /api/cycles/{cycleId}/assignments/{districtId}', fn: 'appraise-assessment', auth: true },
  { routeKey: 'PUT /api/cycles/{cycleId}/assignments/{districtId}', fn: 'appraise-assessment', auth: true },

  { routeKey: `GET ${R}`, fn: 'rank-and-publish', auth: true },
  { routeKey: `POST ${R}/approve`, fn: 'rank-and-publish', auth: true },
  { routeKey: `POST ${R}/publish`, fn: 'rank-and-publish', auth: true },
  { routeKey: `POST ${R}/report`, fn: 'rank-and-publish', auth: true },
  { routeKey: `GET ${R}/appendix-2.xlsx`, fn: 'export-reports', auth: true },
  { routeKey: `GET ${A}/appendix-1.xlsx`, fn: 'export-reports', auth: true },
  { routeKey: 'GET /api/cycles/{cycleId}/consolidated', fn: 'rank-and-publish', auth: true },
  { routeKey: 'GET /api/cycles/{cycleId}/consolidated.xlsx', fn: 'export-reports', auth: true },
  // Public: published results only. API Gateway cannot make a JWT optional on one route, so the
  // signed-in province view is /consolidated and this one never shows anything unpublished.
  { routeKey: 'GET /api/cycles/{cycleId}/results', fn: 'rank-and-publish', auth: false },
  { routeKey: 'GET /api/public/cycles', fn: 'rank-and-publish', auth: false },
];

/** The lifecycle state machine's task function (not behind the API). */
export const LIFECYCLE_TASK_ENTRY = 'functions/run-lifecycle-task.ts';

/** Only in the local stack, never deployed (test/infra asserts it). */
export const LOCAL_ONLY_ROUTES = ['POST /api/dev/token'] as const;
