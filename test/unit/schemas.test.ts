/**
 * Request schemas (API.md): points are JSON numbers with at most two decimals, never negative; objects
 * are strict (an unknown key is an error, not silently dropped); messages are Vietnamese and name the field.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  createCycleRequest,
  devTokenRequest,
  evidenceRequest,
  returnRequest,
  saveAppraisalRequest,
  saveSelfRequest,
  versionRequest,
} from '../../shared/index.js';

function rejects(schema: z.ZodType, input: unknown, path?: (string | number)[], message?: RegExp) {
  const r = schema.safeParse(input);
  expect(r.success, JSON.stringify(input)).toBe(false);
  if (!r.success && path) expect(r.error.issues.map((i) => i.path.map(String).join('/'))).toContain(path.join('/'));
  if (!r.success && message) expect(r.error.issues.map((i) => i.message).join(' | ')).toMatch(message);
}
function accepts(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
}

describe('saveSelfRequest', () => {
  const good = {
    version: 3,
    items: { '1.1.1': { score: 0.75, explanation: 'Kế hoạch số 12/KH-UBND' }, '1.8.1': { notApplicable: true } },
  };
  it('accepts scores in points with up to two decimals, a null to clear, not-applicable, explanations', () => {
    accepts(saveSelfRequest, good);
    accepts(saveSelfRequest, { version: 0, items: { '4.2.6': { score: 3.5 } } });
    accepts(saveSelfRequest, { version: 0, items: { '4.2.6': { score: 0.29 } } });
    accepts(saveSelfRequest, { version: 0, items: { '4.2.6': { score: 0 } } });
    accepts(saveSelfRequest, { version: 0, items: { '4.2.6': { score: null } } });
    accepts(saveSelfRequest, { version: 0, items: { '3.2.10': { explanation: '' } } });
  });
  it('rejects more than two decimals, negatives, strings, NaN and infinities, naming the field', () => {
    rejects(
      saveSelfRequest,
      { version: 0, items: { '1.1.1': { score: 0.125 } } },
      ['items', '1.1.1', 'score'],
      /hai chữ số thập phân/,
    );
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: 1.005 } } }, ['items', '1.1.1', 'score']);
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: -0.25 } } }, ['items', '1.1.1', 'score'], /không được âm/);
    rejects(
      saveSelfRequest,
      { version: 0, items: { '1.1.1': { score: '0,25' } } },
      ['items', '1.1.1', 'score'],
      /phải là một số/,
    );
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: Number.NaN } } }, ['items', '1.1.1', 'score']);
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: Number.POSITIVE_INFINITY } } }, [
      'items',
      '1.1.1',
      'score',
    ]);
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: 1001 } } }, ['items', '1.1.1', 'score']);
  });
  it('rejects a score hiding below a hundredth (1e-9 would have been stored as 0)', () => {
    rejects(saveSelfRequest, { version: 0, items: { '4.2.6': { score: 1e-9 } } }, ['items', '4.2.6', 'score']);
    rejects(saveSelfRequest, { version: 0, items: { '4.2.6': { score: 0.2500001 } } }, ['items', '4.2.6', 'score']);
    accepts(saveSelfRequest, { version: 0, items: { '4.2.6': { score: 1.15 } } });
  });

  it('rejects a bad version', () => {
    rejects(saveSelfRequest, { ...good, version: -1 }, ['version']);
    rejects(saveSelfRequest, { ...good, version: 1.5 }, ['version']);
    rejects(saveSelfRequest, { ...good, version: '3' }, ['version']);
    rejects(saveSelfRequest, { items: good.items }, ['version']);
  });
  it('rejects empty items, malformed codes and wrong row types', () => {
    rejects(saveSelfRequest, { version: 0, items: {} }, ['items'], /Không có dòng nào/);
    rejects(saveSelfRequest, { version: 0 }, ['items']);
    rejects(saveSelfRequest, { version: 0, items: [] }, ['items']);
    // A code is the framework's own (`I`, `1.1.1.a`, `T.1`): letters or digits joined by single dots.
    // Whether the cycle's framework has it is the handler's check (400 too).
    rejects(saveSelfRequest, { version: 0, items: { '1..1': { score: 1 } } }, undefined, /Mã tiêu chí không hợp lệ/);
    rejects(saveSelfRequest, { version: 0, items: { '1.1.': { score: 1 } } });
    rejects(saveSelfRequest, { version: 0, items: { 'a b': { score: 1 } } });
    rejects(saveSelfRequest, { version: 0, items: { ['1.'.repeat(30) + '1']: { score: 1 } } });
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': 1 } }, ['items', '1.1.1']);
    rejects(saveSelfRequest, { version: 0, items: { '1.8.1': { notApplicable: 'yes' } } }, ['items', '1.8.1', 'notApplicable']);
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { explanation: 'x'.repeat(4001) } } }, [
      'items',
      '1.1.1',
      'explanation',
    ]);
  });
  it('rejects unknown keys at the top and in a row (strict objects)', () => {
    rejects(saveSelfRequest, { ...good, status: 'SUBMITTED' });
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: 1, appraised: 1 } } });
    rejects(saveSelfRequest, { version: 0, items: { '1.1.1': { score: 1, comment: 'x' } } });
  });
  it('rejects a body that is not an object', () => {
    for (const x of [null, undefined, 'x', 1, []]) rejects(saveSelfRequest, x);
  });
});

describe('error messages', () => {
  const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
  const ENGLISH = /\b(invalid|expected|received|unrecognized|too small|too big|key in record)\b/i;
  const bad: [z.ZodType, unknown][] = [
    [saveSelfRequest, { version: 0, items: { 'a..b': { score: 1 } } }],
    [saveSelfRequest, { version: -1, items: { '1.1.1': { score: 1 } } }],
    [saveSelfRequest, { version: 1.5, items: { '1.1.1': { score: 1 } } }],
    [saveSelfRequest, { version: '1', items: { '1.1.1': { score: 1 } } }],
    [saveSelfRequest, { version: 0, items: { '1.1.1': { score: 1 } }, status: 'SUBMITTED' }],
    [saveSelfRequest, { version: 0, items: { '1.1.1': { score: 1, appraised: 1 } } }],
    [saveSelfRequest, { version: 0, items: { '1.8.1': { notApplicable: 'yes' } } }],
    [saveSelfRequest, 'not an object'],
    [saveAppraisalRequest, { version: 0, items: { '2.5': { comment: 5 } } }],
    [createCycleRequest, { year: 2019, frameworkId: 'x', selfAssessmentDeadline: '2024-11-30T17:00:00Z' }],
    [devTokenRequest, { role: 'admin' }],
    [evidenceRequest, { code: '1.1.1', fileName: 'a.pdf', contentType: 'application/pdf', size: 1.5 }],
  ];
  it('are all in Vietnamese, so the 400 a user reads is in their language (a bad code says so)', () => {
    for (const [schema, input] of bad) {
      const r = schema.safeParse(input);
      expect(r.success).toBe(false);
      for (const issue of r.success ? [] : r.error.issues) {
        expect(issue.message, JSON.stringify(input)).toMatch(VIETNAMESE);
        expect(issue.message, JSON.stringify(input)).not.toMatch(ENGLISH);
      }
    }
    const r = saveSelfRequest.safeParse({ version: 0, items: { 'a.b.': { score: 1 } } });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['items.a.b.', 'Mã tiêu chí không hợp lệ'],
    ]);
  });
});

describe('saveAppraisalRequest', () => {
  it('accepts scores and comments', () => {
    accepts(saveAppraisalRequest, {
      version: 4,
      items: { '2.5': { score: 0.5, comment: 'Thiếu văn bản kiểm chứng' }, '2.6': { score: null } },
    });
  });
  it('rejects what the appraiser may not send, and malformed values', () => {
    rejects(saveAppraisalRequest, { version: 4, items: { '2.5': { notApplicable: true } } });
    rejects(saveAppraisalRequest, { version: 4, items: { '2.5': { explanation: 'x' } } });
    rejects(saveAppraisalRequest, { version: 4, items: { '2.5': { score: 0.333 } } }, ['items', '2.5', 'score']);
    rejects(saveAppraisalRequest, { version: 4, items: { '2.5': { score: -1 } } }, ['items', '2.5', 'score']);
    rejects(saveAppraisalRequest, { version: 4, items: { '2.5': { comment: 5 } } }, ['items', '2.5', 'comment']);
    rejects(saveAppraisalRequest, { version: 4, items: {} }, ['items']);
    rejects(saveAppraisalRequest, { version: 4, items: { '2.5': { score: 1 } }, areas: ['II'] });
  });
});

describe('step requests', () => {
  it('versionRequest takes exactly a version', () => {
    accepts(versionRequest, { version: 0 });
    rejects(versionRequest, {}, ['version']);
    rejects(versionRequest, { version: 1, reason: 'x' });
    rejects(versionRequest, { version: -2 }, ['version']);
  });
  it('returnRequest needs a reason that is not blank', () => {
    accepts(returnRequest, { version: 2, reason: 'Bổ sung tài liệu kiểm chứng tiêu chí 3.2.5' });
    rejects(returnRequest, { version: 2, reason: '   ' }, ['reason'], /lý do/);
    rejects(returnRequest, { version: 2 }, ['reason']);
    rejects(returnRequest, { version: 2, reason: 'x'.repeat(4001) }, ['reason']);
    rejects(returnRequest, { version: 2, reason: 'x', extra: 1 });
  });
});

describe('createCycleRequest', () => {
  const good = { year: 2024, frameworkId: 'thai-nguyen-4203-2021', selfAssessmentDeadline: '2024-11-30T17:00:00+07:00' };
  it('accepts a year, a framework and an ISO deadline with offset', () => {
    accepts(createCycleRequest, good);
    accepts(createCycleRequest, { ...good, selfAssessmentDeadline: '2024-11-30T10:00:00Z' });
  });
  it('rejects bad years, dates and extra keys', () => {
    rejects(createCycleRequest, { ...good, year: 2019 }, ['year']);
    rejects(createCycleRequest, { ...good, year: 2024.5 }, ['year']);
    rejects(createCycleRequest, { ...good, year: '2024' }, ['year']);
    rejects(createCycleRequest, { ...good, selfAssessmentDeadline: '30/11/2024' }, ['selfAssessmentDeadline'], /ISO 8601/);
    rejects(createCycleRequest, { ...good, selfAssessmentDeadline: '2024-11-30' }, ['selfAssessmentDeadline']);
    rejects(createCycleRequest, { ...good, frameworkId: '' }, ['frameworkId']);
    rejects(createCycleRequest, { ...good, status: 'OPEN' });
  });
});

describe('evidenceRequest', () => {
  const good = { code: '3.2.5', fileName: 'Quyết định 12.pdf', contentType: 'application/pdf', size: 123456 };
  it('accepts an allowed file', () => {
    accepts(evidenceRequest, good);
    accepts(evidenceRequest, { ...good, contentType: 'video/mp4', fileName: 'hop-dan.mp4' });
  });
  it('rejects disallowed types, empty files, blank names, bad codes, extra keys', () => {
    rejects(evidenceRequest, { ...good, contentType: 'application/x-msdownload' }, ['contentType'], /Loại tệp không được phép/);
    rejects(evidenceRequest, { ...good, contentType: 'text/html' }, ['contentType']);
    rejects(evidenceRequest, { ...good, size: 0 }, ['size'], /Tệp rỗng/);
    rejects(evidenceRequest, { ...good, size: 1.5 }, ['size']);
    rejects(evidenceRequest, { ...good, fileName: '  ' }, ['fileName']);
    rejects(evidenceRequest, { ...good, fileName: 'x'.repeat(256) }, ['fileName']);
    rejects(evidenceRequest, { ...good, code: 'III..2' }, ['code']);
    rejects(evidenceRequest, { ...good, url: 'http://x' });
  });
});

describe('devTokenRequest', () => {
  it('accepts a role with optional unit, areas and name', () => {
    accepts(devTokenRequest, { role: 'province' });
    accepts(devTokenRequest, { role: 'district_appraiser', unitId: 'huyen-1', areas: ['II', 'VI'], name: 'Nguyễn Văn A' });
  });
  it('rejects unknown roles, malformed areas and extra keys', () => {
    rejects(devTokenRequest, { role: 'admin' }, ['role']);
    rejects(devTokenRequest, {}, ['role']);
    rejects(devTokenRequest, { role: 'district_appraiser', areas: ['II '] }, ['areas', 0]);
    rejects(devTokenRequest, { role: 'district_appraiser', areas: 'II' }, ['areas']);
    rejects(devTokenRequest, { role: 'province', unitId: '' }, ['unitId']);
    rejects(devTokenRequest, { role: 'province', sub: 'x' });
  });
});
