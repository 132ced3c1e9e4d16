/**
 * The routing facts of ENDPOINTS (group, method, path, success status) without its zod schemas: what a
 * Lambda's router (functions/lib/http.ts) needs. Importing ENDPOINTS itself would construct the request
 * and response schemas of every route group at each function's cold start; a function constructs only
 * those it imports. `satisfies` ties each entry to ENDPOINTS's literal types: an endpoint added, removed
 * or changed there and not here does not compile.
 */
import type { EndpointDef } from './endpoint.js';
import type { Endpoints } from './index.js';

export type RouteFacts = Pick<EndpointDef, 'group' | 'method' | 'path' | 'status'>;

export const ROUTE_TABLE = {
  getHealth: { group: 'manage-cycles', method: 'GET', path: '/api/health', status: 200 },
  getOpenApi: { group: 'manage-cycles', method: 'GET', path: '/api/openapi.json', status: 200 },
  listUnits: { group: 'manage-cycles', method: 'GET', path: '/api/units', status: 200 },
  listFrameworks: { group: 'manage-cycles', method: 'GET', path: '/api/frameworks', status: 200 },
  getFramework: { group: 'manage-cycles', method: 'GET', path: '/api/frameworks/{frameworkId}', status: 200 },
  copyFramework: { group: 'manage-cycles', method: 'POST', path: '/api/frameworks', status: 201 },
  putFramework: { group: 'manage-cycles', method: 'PUT', path: '/api/frameworks/{frameworkId}', status: 200 },
  activateFramework: { group: 'manage-cycles', method: 'POST', path: '/api/frameworks/{frameworkId}/activate', status: 200 },
  retireFramework: { group: 'manage-cycles', method: 'POST', path: '/api/frameworks/{frameworkId}/retire', status: 200 },
  importFramework: { group: 'manage-cycles', method: 'POST', path: '/api/frameworks/import', status: 201 },
  exportFramework: { group: 'manage-cycles', method: 'GET', path: '/api/frameworks/{frameworkId}/export.xlsx', status: 200 },
  saveSurveyScores: {
    group: 'appraise-assessment',
    method: 'PUT',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/survey',
    status: 200,
  },
  listCycles: { group: 'manage-cycles', method: 'GET', path: '/api/cycles', status: 200 },
  openCycle: { group: 'manage-cycles', method: 'POST', path: '/api/cycles', status: 201 },
  listAssessments: { group: 'manage-self-assessment', method: 'GET', path: '/api/cycles/{cycleId}/assessments', status: 200 },
  getAssessment: {
    group: 'manage-self-assessment',
    method: 'GET',
    path: '/api/cycles/{cycleId}/assessments/{unitId}',
    status: 200,
  },
  saveSelf: {
    group: 'manage-self-assessment',
    method: 'PUT',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/self',
    status: 200,
  },
  submitAssessment: {
    group: 'manage-self-assessment',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/submit',
    status: 200,
  },
  getAudit: {
    group: 'manage-self-assessment',
    method: 'GET',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/audit',
    status: 200,
  },
  requestEvidenceUpload: {
    group: 'manage-evidence',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/evidence',
    status: 201,
  },
  confirmEvidence: {
    group: 'manage-evidence',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/evidence/{evidenceId}/confirm',
    status: 200,
  },
  getEvidence: {
    group: 'manage-evidence',
    method: 'GET',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/evidence/{evidenceId}',
    status: 200,
  },
  deleteEvidence: {
    group: 'manage-evidence',
    method: 'DELETE',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/evidence/{evidenceId}',
    status: 204,
  },
  saveAppraisal: {
    group: 'appraise-assessment',
    method: 'PUT',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/appraisal',
    status: 200,
  },
  returnAssessment: {
    group: 'appraise-assessment',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/return',
    status: 200,
  },
  completeAppraisal: {
    group: 'appraise-assessment',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/complete',
    status: 200,
  },
  setDeadline: {
    group: 'appraise-assessment',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/deadline',
    status: 200,
  },
  acceptLate: {
    group: 'appraise-assessment',
    method: 'POST',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/accept-late',
    status: 200,
  },
  getAssignments: {
    group: 'appraise-assessment',
    method: 'GET',
    path: '/api/cycles/{cycleId}/assignments/{districtId}',
    status: 200,
  },
  putAssignments: {
    group: 'appraise-assessment',
    method: 'PUT',
    path: '/api/cycles/{cycleId}/assignments/{districtId}',
    status: 200,
  },
  listAssignableUsers: {
    group: 'appraise-assessment',
    method: 'GET',
    path: '/api/cycles/{cycleId}/assignments/{districtId}/users',
    status: 200,
  },
  getRanking: { group: 'rank-and-publish', method: 'GET', path: '/api/cycles/{cycleId}/rankings/{districtId}', status: 200 },
  approveRanking: {
    group: 'rank-and-publish',
    method: 'POST',
    path: '/api/cycles/{cycleId}/rankings/{districtId}/approve',
    status: 200,
  },
  publishRanking: {
    group: 'rank-and-publish',
    method: 'POST',
    path: '/api/cycles/{cycleId}/rankings/{districtId}/publish',
    status: 200,
  },
  reportRanking: {
    group: 'rank-and-publish',
    method: 'POST',
    path: '/api/cycles/{cycleId}/rankings/{districtId}/report',
    status: 200,
  },
  getConsolidated: { group: 'rank-and-publish', method: 'GET', path: '/api/cycles/{cycleId}/consolidated', status: 200 },
  getResults: { group: 'rank-and-publish', method: 'GET', path: '/api/cycles/{cycleId}/results', status: 200 },
  listPublicCycles: { group: 'rank-and-publish', method: 'GET', path: '/api/public/cycles', status: 200 },
  downloadAppendix1: {
    group: 'export-reports',
    method: 'GET',
    path: '/api/cycles/{cycleId}/assessments/{unitId}/appendix-1.xlsx',
    status: 200,
  },
  downloadAppendix2: {
    group: 'export-reports',
    method: 'GET',
    path: '/api/cycles/{cycleId}/rankings/{districtId}/appendix-2.xlsx',
    status: 200,
  },
  downloadConsolidated: { group: 'export-reports', method: 'GET', path: '/api/cycles/{cycleId}/consolidated.xlsx', status: 200 },
} as const satisfies { [N in keyof Endpoints]: Pick<Endpoints[N], keyof RouteFacts> };
