/** Catalog: health, units, frameworks, cycles, and this document. */
import * as z from 'zod';
import { createCycleRequest, cycle, cyclesResponse, unitsResponse } from '../schemas.js';
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
    summaryVi: 'Kiểm tra hệ thống còn hoạt động (trả lời khi bảng dữ liệu trả lời).',
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
    summary:
      "This document: every route of the API, generated from the API's contract, in OpenAPI 3.1; `?format=3.0` gives the same in OpenAPI 3.0 (the reference page reads that one).",
    summaryVi:
      'Tài liệu này: mọi đường dẫn của API, tạo tự động từ hợp đồng API (OpenAPI 3.1; `?format=3.0` cho bản OpenAPI 3.0).',
    who: 'anyone',
    status: 200,
    response: openApiResponse,
    errors: ['VALIDATION'],
  }),
  listUnits: endpoint({
    method: 'GET',
    path: '/api/units',
    group: 'manage-cycles',
    auth: true,
    summary:
      "The units of a cycle's organisation (`?cycleId=`; without it the current one): its appraising units and their communes, and the districts as before.",
    summaryVi:
      'Các đơn vị của tổ chức của một kỳ (`?cycleId=`; không có thì tổ chức hiện hành): đơn vị thẩm định và các xã, phường của nó, huyện cũ, các tổ chức mở được kỳ.',
    who: 'any signed-in user',
    status: 200,
    response: unitsResponse,
    errors: ['UNAUTHENTICATED', 'VALIDATION', 'NOT_FOUND'],
  }),
  listCycles: endpoint({
    method: 'GET',
    path: '/api/cycles',
    group: 'manage-cycles',
    auth: true,
    summary: 'Every cycle, newest year first.',
    summaryVi: 'Mọi kỳ đánh giá, năm mới nhất trước.',
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
    summaryVi: 'Mở kỳ đánh giá của một năm: mỗi đơn vị cấp xã một hồ sơ tự đánh giá ở trạng thái nháp.',
    who: 'province',
    request: createCycleRequest,
    status: 201,
    response: cycle,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'LIFECYCLE', 'TOO_LARGE'],
  }),
} as const;
