/**
 * The OpenAPI document as the reference page shows it (issue 21 item 29): operations grouped by area
 * (declared tags, one per file of the table), each with a Vietnamese summary and the English beside it
 * in its description; no text written only for district-level cycles; an intro without internal paths.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, LOCAL_ENDPOINTS } from '../../shared/api/index.js';
import { openApiDocument } from '../../shared/api/openapi.js';

type Op = { operationId: string; summary: string; description: string; tags: string[]; 'x-lambda': string };
const doc = openApiDocument() as unknown as {
  info: { description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Op>>;
};
const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
const all = { ...ENDPOINTS, ...LOCAL_ENDPOINTS } as Record<string, { summary: string; summaryVi: string; group: string }>;

describe('the API reference', () => {
  it('groups every operation under one declared area, none under a Lambda', () => {
    const areas = doc.tags.map((t) => t.name);
    expect(ops).toHaveLength(Object.keys(all).length);
    expect(ops.filter((o) => o.tags.length !== 1 || !areas.includes(o.tags[0]!)).map((o) => o.operationId)).toEqual([]);
    // Every area holds something, and the Lambda is kept as an extension only.
    expect(areas.filter((a) => !ops.some((o) => o.tags[0] === a))).toEqual([]);
    expect(ops.every((o) => o['x-lambda'] === all[o.operationId]!.group)).toBe(true);
  });

  it('summarises every operation in Vietnamese, the English beside it', () => {
    const vietnamese = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
    expect(ops.filter((o) => !vietnamese.test(o.summary)).map((o) => o.operationId)).toEqual([]);
    for (const o of ops) {
      expect(o.summary).toBe(all[o.operationId]!.summaryVi);
      expect(o.description.startsWith(all[o.operationId]!.summary)).toBe(true);
    }
  });

  it('says nothing that holds only for district-level cycles, and names no internal path', () => {
    const text = ops.map((o) => `${o.summary} ${o.description}`);
    expect(text.filter((t) => /to the district\.|cho cấp huyện\./.test(t))).toEqual([]);
    expect(`${doc.info.description} ${text.join(' ')}`).not.toMatch(/shared\/|functions\/|web\/src/);
  });
});
