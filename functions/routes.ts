/**
 * The API's route table: the one source that the CDK app (HTTP API routes, one Lambda per group) and
 * the local router (same event shape) both read. `routeKey` is API Gateway's "METHOD /path/{param}".
 */
export type FunctionName = 'catalog' | 'self-assessment' | 'evidence' | 'appraisal' | 'ranking' | 'reports';

export interface RouteDef {
  routeKey: string;
  fn: FunctionName;
  /** false: no JWT needed (health, public results). */
  auth: boolean;
}

/** Entry file of each Lambda, relative to the repository root; each exports `handler`. */
export const FUNCTION_ENTRIES: Record<FunctionName, string> = {
  catalog: 'functions/serve-catalog.ts',
  'self-assessment': 'functions/manage-self-assessment.ts',
  evidence: 'functions/manage-evidence.ts',
  appraisal: 'functions/appraise-assessment.ts',
  ranking: 'functions/rank-communes.ts',
  reports: 'functions/export-reports.ts',
};

const A = '/api/cycles/{cycleId}/assessments/{unitId}';
const R = '/api/cycles/{cycleId}/rankings/{districtId}';

export const ROUTES: RouteDef[] = [
  { routeKey: 'GET /api/health', fn: 'catalog', auth: false },
  { routeKey: 'GET /api/units', fn: 'catalog', auth: true },
  { routeKey: 'GET /api/frameworks/{frameworkId}', fn: 'catalog', auth: true },
  { routeKey: 'GET /api/cycles', fn: 'catalog', auth: true },
  { routeKey: 'POST /api/cycles', fn: 'catalog', auth: true },

  { routeKey: 'GET /api/cycles/{cycleId}/assessments', fn: 'self-assessment', auth: true },
  { routeKey: `GET ${A}`, fn: 'self-assessment', auth: true },
  { routeKey: `PUT ${A}/self`, fn: 'self-assessment', auth: true },
  { routeKey: `POST ${A}/submit`, fn: 'self-assessment', auth: true },
  { routeKey: `GET ${A}/audit`, fn: 'self-assessment', auth: true },

  { routeKey: `POST ${A}/evidence`, fn: 'evidence', auth: true },
  { routeKey: `POST ${A}/evidence/{evidenceId}/confirm`, fn: 'evidence', auth: true },
  { routeKey: `GET ${A}/evidence/{evidenceId}`, fn: 'evidence', auth: true },
  { routeKey: `DELETE ${A}/evidence/{evidenceId}`, fn: 'evidence', auth: true },

  { routeKey: `PUT ${A}/appraisal`, fn: 'appraisal', auth: true },
  { routeKey: `POST ${A}/return`, fn: 'appraisal', auth: true },
  { routeKey: `POST ${A}/complete`, fn: 'appraisal', auth: true },
  { routeKey: `POST ${A}/deadline`, fn: 'appraisal', auth: true },
  { routeKey: `POST ${A}/accept-late`, fn: 'appraisal', auth: true },
  { routeKey: 'GET /api/cycles/{cycleId}/assignments/{districtId}', fn: 'appraisal', auth: true },
  { routeKey: 'PUT /api/cycles/{cycleId}/assignments/{districtId}', fn: 'appraisal', auth: true },

  { routeKey: `GET ${R}`, fn: 'ranking', auth: true },
  { routeKey: `POST ${R}/approve`, fn: 'ranking', auth: true },
  { routeKey: `POST ${R}/publish`, fn: 'ranking', auth: true },
  { routeKey: `POST ${R}/report`, fn: 'ranking', auth: true },
  { routeKey: `GET ${R}/appendix-2.xlsx`, fn: 'reports', auth: true },
  { routeKey: `GET ${A}/appendix-1.xlsx`, fn: 'reports', auth: true },
  { routeKey: 'GET /api/cycles/{cycleId}/consolidated', fn: 'ranking', auth: true },
  { routeKey: 'GET /api/cycles/{cycleId}/consolidated.xlsx', fn: 'reports', auth: true },
  // Public: published results only. API Gateway cannot make a JWT optional on one route, so the
  // signed-in province view is /consolidated and this one never shows anything unpublished.
  { routeKey: 'GET /api/cycles/{cycleId}/results', fn: 'ranking', auth: false },
  { routeKey: 'GET /api/public/cycles', fn: 'ranking', auth: false },
];

/** The lifecycle state machine's task function (not behind the API). */
export const LIFECYCLE_TASK_ENTRY = 'functions/run-lifecycle-task.ts';

/** Only in the local stack, never deployed (test/infra asserts it). */
export const LOCAL_ONLY_ROUTES = ['POST /api/dev/token'] as const;
