/** Catalog: health, units, frameworks, cycles, and this document. */
import * as z from 'zod';
import { createCycleRequest, cycle, cyclesResponse, frameworkResponse, unitsResponse } from '../schemas.js';
import { endpoint } from './endpoint.js';

export const healthResponse = z.object({ status: z.literal('ok') });
/** An OpenAPI 3.1 document (shared/api/openapi.ts); its shape is OpenAPI's own. */
export const openApiResponse = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
});

export const catalog = {
  getHealth: endpoint({
    method: 'GET',
    path: '/api/health',
    group: 'manage-cycles',
    auth: false,
    summary: 'Liveness: answers once the table answers.',
    who: 'anyone',
    status: 200,
    response: healthResponse,
    errors: [],
  }),
  getOpenApi: endpoint({
    method: 'GET',
    path: '/api/openapi.json',
    group: 'manage-cycles',
    auth: false,
    summary: 'This document: every route of the API, generated from shared/api.',
    who: 'anyone',
    status: 200,
    response: openApiResponse,
    errors: [],
  }),
  listUnits: endpoint({
    method: 'GET',
    path: '/api/units',
    group: 'manage-cycles',
    auth: true,
    summary:
      "The units of a cycle's organisation (`?cycleId=`; without it the current one): its appraising units and their communes, and the districts as before.",
    who: 'any signed-in user',
    status: 200,
    response: unitsResponse,
    errors: ['UNAUTHENTICATED', 'VALIDATION', 'NOT_FOUND'],
  }),
  getFramework: endpoint({
    method: 'GET',
    path: '/api/frameworks/{frameworkId}',
    group: 'manage-cycles',
    auth: true,
    summary: 'A framework (catalog of criteria) with its points in points, not hundredths.',
    who: 'any signed-in user',
    status: 200,
    response: frameworkResponse,
    errors: ['UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  listCycles: endpoint({
    method: 'GET',
    path: '/api/cycles',
    group: 'manage-cycles',
    auth: true,
    summary: 'Every cycle, newest year first.',
    who: 'any signed-in user',
    status: 200,
    response: cyclesResponse,
    errors: ['UNAUTHENTICATED'],
  }),
  openCycle: endpoint({
    method: 'POST',
    path: '/api/cycles',
    group: 'manage-cycles',
    auth: true,
    summary: "Opens a year's cycle: one draft assessment per commune.",
    who: 'province',
    request: createCycleRequest,
    status: 201,
    response: cycle,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'TOO_LARGE'],
  }),
} as const;
