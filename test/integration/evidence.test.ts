/**
 * Evidence files through the local router against dynalite and s3rver: ask for an upload, PUT the bytes
 * to the presigned URL, confirm, download, delete; and every refusal (type, size, content, unit, status).
 * s3rver checks no upload condition, so these tests prove the server's own checks.
 */
import type { EvidenceConfirmResponse, EvidenceDownloadResponse } from '../../shared/api/index.js';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessmentResponse,
  auditResponse,
  evidence as evidenceSchema,
  evidenceUploadResponse,
  MAX_EVIDENCE_BYTES,
} from '../../shared/schemas.js';
import {
  Api,
  assessmentPath,
  expectError,
  expectField,
  expectUnchanged,
  fullScores,
  leavesOf,
  pdfBytes,
  pngBytes,
  seededCycleId,
  snapshot,
  startTestStack,
} from '../support/api.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let s3: S3Client;
let province: string;
const C = seededCycleId();

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  s3 = new S3Client({
    endpoint: env.stack.s3Url,
    region: 'local',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  s3?.destroy();
  await env?.stop();
});

const evPath = (unit: string, id?: string) => `${assessmentPath(C, unit)}/evidence${id ? `/${id}` : ''}`;

interface Requested {
  id: string;
  url: string;
  headers: Record<string, string>;
  key: string;
}

async function requestUpload(
  unit: string,
  token: string,
  input: { code: string; fileName: string; contentType: string; size: number },
): Promise<Requested> {
  const r = await api.request('POST', evPath(unit), { token, body: input });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const body = evidenceUploadResponse.parse(r.body);
  expect(body.upload.method).toBe('PUT');
  expect(body.upload.url.startsWith(`${env.stack.s3Url}/${env.stack.bucketName}/`)).toBe(true);
  // The object's key, as the presigned URL names it (path style: /bucket/key).
  const key = decodeURIComponent(new URL(body.upload.url).pathname).slice(`/${env.stack.bucketName}/`.length);
  return { id: body.id, url: body.upload.url, headers: body.upload.headers ?? {}, key };
}

async function putBytes(u: Requested, bytes: Uint8Array<ArrayBuffer>) {
  const r = await fetch(u.url, { method: 'PUT', headers: u.headers, body: bytes });
  expect(r.status).toBe(200);
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: env.stack.bucketName, Key: key }));
    return true;
  } catch (e) {
    if (
      (e as { name?: string }).name === 'NotFound' ||
      (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
    )
      return false;
    throw e;
  }
}

const confirm = (unit: string, token: string, id: string) => api.request('POST', `${evPath(unit, id)}/confirm`, { token });

describe('evidence: the whole round trip', () => {
  it('request → PUT to S3 → confirm → attached → download as an attachment with the Vietnamese name → delete', async () => {
    const unit = 'phuc-xuan';
    const officer = await api.token('commune_officer', unit, undefined, 'Lê Văn Cường');
    const bytes = pdfBytes('round trip');
    const u = await requestUpload(unit, officer, {
      code: '1.1.1',
      fileName: 'Báo cáo tháng 1.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    expect(u.headers['content-type']).toBe('application/pdf');
    // Nothing is attached before the confirmation.
    const before = await snapshot(api, province, C, unit);
    expect(before.assessment.items['1.1.1']?.evidence).toEqual([]);

    await putBytes(u, bytes);
    const c = await confirm(unit, officer, u.id);
    expect(c.status).toBe(200);
    const attached = evidenceSchema.extend({ code: evidenceSchema.shape.id }).parse(c.body);
    expect(attached).toMatchObject({
      id: u.id,
      code: '1.1.1',
      fileName: 'Báo cáo tháng 1.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      uploadedBy: 'Lê Văn Cường',
    });

    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(before.assessment.version + 1);
    expect(after.assessment.items['1.1.1']?.evidence).toEqual([
      {
        id: u.id,
        fileName: 'Báo cáo tháng 1.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        uploadedAt: attached.uploadedAt,
        uploadedBy: 'Lê Văn Cường',
      },
    ]);
    expect(after.audit.at(-1)).toMatchObject({
      by: 'Lê Văn Cường',
      role: 'commune_officer',
      action: 'evidence.add',
      code: '1.1.1',
      to: 'Báo cáo tháng 1.pdf',
    });
    // Confirming twice attaches nothing twice.
    expectError(await confirm(unit, officer, u.id), 404, 'NOT_FOUND');
    expect((await snapshot(api, province, C, unit)).assessment).toEqual(after.assessment);

    // Anyone who may see the assessment may download it: the commune, its district, the province.
    for (const token of [officer, await api.token('district_appraiser', 'tp-thai-nguyen'), province]) {
      const g = await api.get(evPath(unit, u.id), token);
      expect(g.status).toBe(200);
      const { downloadUrl } = g.body as EvidenceDownloadResponse;
      const file = await fetch(downloadUrl);
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
      const disposition = file.headers.get('content-disposition') ?? '';
      expect(disposition.startsWith('attachment')).toBe(true);
      expect(disposition).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A1ng%201.pdf");
      // Clients without RFC 6266 support get the name without diacritics.
      expect(disposition).toContain('filename="Bao cao thang 1.pdf"');
      expect(file.headers.get('content-type')).toBe('application/pdf');
    }

    // ?inline=1 lets a browser show a PDF in place; the same name, the same bytes.
    const inline = await fetch(
      ((await api.get(`${evPath(unit, u.id)}?inline=1`, officer)).body as EvidenceDownloadResponse).downloadUrl,
    );
    expect(inline.headers.get('content-disposition') ?? '').toMatch(/^inline; .*filename\*=UTF-8''B%C3%A1o/);
    expect(new Uint8Array(await inline.arrayBuffer())).toEqual(bytes);

    const d = await api.request('DELETE', evPath(unit, u.id), { token: officer });
    expect(d.status).toBe(204);
    expect(d.body).toBe('');
    const gone = await snapshot(api, province, C, unit);
    expect(gone.assessment.items['1.1.1']?.evidence).toEqual([]);
    expect(gone.audit.at(-1)).toMatchObject({ action: 'evidence.remove', code: '1.1.1', from: 'Báo cáo tháng 1.pdf' });
    expectError(await api.get(evPath(unit, u.id), officer), 404, 'NOT_FOUND');
    expect(await objectExists(u.key)).toBe(false);
    // Deleting again: nothing to delete, nothing changes.
    expectError(await api.request('DELETE', evPath(unit, u.id), { token: officer }), 404, 'NOT_FOUND');
    await expectUnchanged(api, province, gone);
  });

  it('sanitises file names: no path parts, no markup characters', async () => {
    const unit = 'quang-trung';
    const chair = await api.token('commune_chair', unit);
    const bytes = pdfBytes('sanitise');
    const u = await requestUpload(unit, chair, {
      code: '2.5',
      fileName: '../../Báo cáo <1>.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await putBytes(u, bytes);
    const c = await confirm(unit, chair, u.id);
    expect(c.status).toBe(200);
    const name = (c.body as EvidenceConfirmResponse).fileName;
    for (const bad of ['/', '\\', '..', '<', '>']) expect(name).not.toContain(bad);
    expect(name.startsWith('Báo cáo')).toBe(true);
    expect(name.endsWith('.pdf')).toBe(true);
    const a = assessmentResponse.parse((await api.get(assessmentPath(C, unit), chair)).body);
    expect(a.items['2.5']?.evidence.map((e) => e.fileName)).toEqual([name]);
    // The key is the server's, never the client's name.
    expect(u.key).not.toContain('..');
    expect(u.key).not.toContain('Báo');
    const file = await fetch(((await api.get(evPath(unit, u.id), chair)).body as EvidenceDownloadResponse).downloadUrl);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);

    // Quotes, line breaks and backslashes cannot break out of the download's header.
    const tricky = await requestUpload(unit, chair, {
      code: '2.5',
      fileName: 'Tờ trình "số 5"\r\nX-Injected: 1\\..\\.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await putBytes(tricky, bytes);
    const c2 = await confirm(unit, chair, tricky.id);
    expect(c2.status).toBe(200);
    const trickyName = (c2.body as EvidenceConfirmResponse).fileName;
    for (const bad of ['"', '\r', '\n', '\\', '/']) expect(trickyName).not.toContain(bad);
    const f2 = await fetch(((await api.get(evPath(unit, tricky.id), chair)).body as EvidenceDownloadResponse).downloadUrl);
    expect(f2.headers.get('x-injected')).toBeNull();
    const disposition = f2.headers.get('content-disposition') ?? '';
    expect(disposition.startsWith('attachment; ')).toBe(true);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(trickyName)}`);
  });
});

describe('evidence: refused uploads change nothing', () => {
  const unit = 'thinh-duc';

  it('refuses malformed requests, disallowed types (400) and declared sizes over the limit (413)', async () => {
    const officer = await api.token('commune_officer', unit);
    const before = await snapshot(api, province, C, unit);
    const good = { code: '1.1.1', fileName: 'a.pdf', contentType: 'application/pdf', size: 100 };
    const cases: { body?: unknown; raw?: string; field: string }[] = [
      { raw: '', field: '(body)' },
      { raw: '{"code":', field: '(body)' },
      { body: { ...good, contentType: 'text/html' }, field: 'contentType' },
      { body: { ...good, contentType: 'application/x-msdownload' }, field: 'contentType' },
      { body: { ...good, size: 0 }, field: 'size' },
      { body: { ...good, size: '100' }, field: 'size' },
      { body: { ...good, size: 10.5 }, field: 'size' },
      { body: { ...good, fileName: '' }, field: 'fileName' },
      { body: { ...good, code: undefined }, field: 'code' },
      { body: { ...good, code: '1.1' }, field: 'code' },
      { body: { ...good, code: '9.9.9' }, field: 'code' },
      { body: { ...good, code: 'x' }, field: 'code' },
    ];
    for (const c of cases) {
      const r = await api.request('POST', evPath(unit), {
        token: officer,
        ...(c.raw !== undefined ? { raw: c.raw } : { body: c.body }),
      });
      expectField(expectError(r, 400, 'VALIDATION').details, c.field);
    }
    const big = await api.request('POST', evPath(unit), { token: officer, body: { ...good, size: MAX_EVIDENCE_BYTES + 1 } });
    expectField(expectError(big, 413, 'TOO_LARGE').details, 'size');
    expect(MAX_EVIDENCE_BYTES).toBe(50 * 1024 * 1024);
    // Exactly at the limit is allowed (an upload is only asked for: nothing is attached yet).
    expect(
      (await api.request('POST', evPath(unit), { token: officer, body: { ...good, size: MAX_EVIDENCE_BYTES } })).status,
    ).toBe(201);
    await expectUnchanged(api, province, before);
  });

  it('a "PDF" whose bytes are a PNG → 400, the object is deleted from S3 and nothing is attached', async () => {
    const officer = await api.token('commune_officer', unit);
    const png = pngBytes();
    const u = await requestUpload(unit, officer, {
      code: '1.2.1',
      fileName: 'bien-ban.pdf',
      contentType: 'application/pdf',
      size: png.length,
    });
    await putBytes(u, png);
    expect(await objectExists(u.key)).toBe(true);
    const before = await snapshot(api, province, C, unit);
    expectField(expectError(await confirm(unit, officer, u.id), 400, 'VALIDATION').details, 'file');
    expect(await objectExists(u.key)).toBe(false);
    await expectUnchanged(api, province, before);
    // The request is gone too: it cannot be confirmed later.
    expectError(await confirm(unit, officer, u.id), 404, 'NOT_FOUND');
    await expectUnchanged(api, province, before);
  });

  it('an upload whose size differs from the declared one → 400, deleted, nothing attached', async () => {
    const officer = await api.token('commune_officer', unit);
    const bytes = pdfBytes('size');
    const u = await requestUpload(unit, officer, {
      code: '1.2.2',
      fileName: 'kich-thuoc.pdf',
      contentType: 'application/pdf',
      size: bytes.length + 1000,
    });
    await putBytes(u, bytes);
    const before = await snapshot(api, province, C, unit);
    expectField(expectError(await confirm(unit, officer, u.id), 400, 'VALIDATION').details, 'file');
    expect(await objectExists(u.key)).toBe(false);
    await expectUnchanged(api, province, before);
  });

  it('confirming before anything was uploaded → 400, nothing attached; the upload may still follow', async () => {
    const officer = await api.token('commune_officer', unit);
    const bytes = pdfBytes('late');
    const u = await requestUpload(unit, officer, {
      code: '1.3.1',
      fileName: 'chua-tai.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    const before = await snapshot(api, province, C, unit);
    expectField(expectError(await confirm(unit, officer, u.id), 400, 'VALIDATION').details, 'file');
    await expectUnchanged(api, province, before);
    await putBytes(u, bytes);
    expect((await confirm(unit, officer, u.id)).status).toBe(200);
    expect(
      assessmentResponse.parse((await api.get(assessmentPath(C, unit), officer)).body).items['1.3.1']?.evidence,
    ).toHaveLength(1);
  });

  it('confirming an unknown upload id → 404', async () => {
    const officer = await api.token('commune_officer', unit);
    const before = await snapshot(api, province, C, unit);
    expectError(await confirm(unit, officer, '00000000-0000-0000-0000-000000000000'), 404, 'NOT_FOUND');
    await expectUnchanged(api, province, before);
  });
});

describe('evidence: who may', () => {
  it('refuses another commune, another district and non-commune roles with 403; reads stay with those who may see', async () => {
    const unit = 'quyet-thang'; // tp-thai-nguyen
    const owner = await api.token('commune_officer', unit);
    const bytes = pdfBytes('owner');
    const u = await requestUpload(unit, owner, {
      code: '2.6',
      fileName: 'quyet-dinh.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await putBytes(u, bytes);
    expect((await confirm(unit, owner, u.id)).status).toBe(200);
    const pending = await requestUpload(unit, owner, {
      code: '2.6',
      fileName: 'cho-xac-nhan.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await putBytes(pending, bytes);
    const before = await snapshot(api, province, C, unit);
    const body = { code: '2.6', fileName: 'x.pdf', contentType: 'application/pdf', size: 10 };

    const strangers = [await api.token('commune_officer', 'phuc-xuan'), await api.token('commune_chair', 'mo-che')];
    for (const token of strangers) {
      expectError(await api.request('POST', evPath(unit), { token, body }), 403, 'FORBIDDEN');
      expectError(await confirm(unit, token, pending.id), 403, 'FORBIDDEN');
      expectError(await api.get(evPath(unit, u.id), token), 403, 'FORBIDDEN');
      expectError(await api.request('DELETE', evPath(unit, u.id), { token }), 403, 'FORBIDDEN');
    }
    expectError(await api.get(evPath(unit, u.id), await api.token('district_secretary', 'tp-song-cong')), 403, 'FORBIDDEN');
    expectError(await api.get(evPath(unit, u.id), await api.token('operator')), 403, 'FORBIDDEN');
    // District and province roles read but never change evidence.
    for (const token of [
      await api.token('district_secretary', 'tp-thai-nguyen'),
      await api.token('district_appraiser', 'tp-thai-nguyen'),
      province,
      await api.token('operator'),
    ]) {
      expectError(await api.request('POST', evPath(unit), { token, body }), 403, 'FORBIDDEN');
      expectError(await confirm(unit, token, pending.id), 403, 'FORBIDDEN');
      expectError(await api.request('DELETE', evPath(unit, u.id), { token }), 403, 'FORBIDDEN');
    }
    // Another commune's ids are not reachable through one's own commune either.
    const neighbour = await api.token('commune_officer', 'phuc-xuan');
    expectError(await confirm('phuc-xuan', neighbour, pending.id), 404, 'NOT_FOUND');
    expectError(await api.get(evPath('phuc-xuan', u.id), neighbour), 404, 'NOT_FOUND');
    expectError(await api.request('DELETE', evPath('phuc-xuan', u.id), { token: neighbour }), 404, 'NOT_FOUND');
    await expectUnchanged(api, province, before);
    expect(await objectExists(u.key)).toBe(true);
    expect(await objectExists(pending.key)).toBe(true);
  });
});

describe('evidence: after submission', () => {
  it('refuses new uploads, confirmations and deletions with 409 LIFECYCLE; downloads still work', async () => {
    const unit = 'mo-che';
    const officer = await api.token('commune_officer', unit);
    const chair = await api.token('commune_chair', unit);
    const bytes = pdfBytes('submitted');
    const kept = await requestUpload(unit, officer, {
      code: '3.2.1',
      fileName: 'kept.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await putBytes(kept, bytes);
    expect((await confirm(unit, officer, kept.id)).status).toBe(200);
    const late = await requestUpload(unit, officer, {
      code: '3.2.2',
      fileName: 'late.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });
    await putBytes(late, bytes);

    const saved = await api.request('PUT', `${assessmentPath(C, unit)}/self`, {
      token: officer,
      body: { version: 1, items: fullScores(await leavesOf(api, officer)) },
    });
    expect(saved.status).toBe(200);
    const submitted = await api.request('POST', `${assessmentPath(C, unit)}/submit`, { token: chair, body: { version: 2 } });
    expect(submitted.status).toBe(200);
    expect(assessmentResponse.parse(submitted.body).status).toBe('SUBMITTED');

    const before = await snapshot(api, province, C, unit);
    expectError(
      await api.request('POST', evPath(unit), {
        token: officer,
        body: { code: '3.2.3', fileName: 'x.pdf', contentType: 'application/pdf', size: 10 },
      }),
      409,
      'LIFECYCLE',
    );
    expectError(await confirm(unit, officer, late.id), 409, 'LIFECYCLE');
    expectError(await api.request('DELETE', evPath(unit, kept.id), { token: chair }), 409, 'LIFECYCLE');
    await expectUnchanged(api, province, before);
    expect(before.assessment.items['3.2.1']?.evidence.map((e) => e.id)).toEqual([kept.id]);
    expect(before.assessment.items['3.2.2']?.evidence).toEqual([]);
    expect(await objectExists(kept.key)).toBe(true);

    const g = await api.get(evPath(unit, kept.id), await api.token('district_secretary', 'tp-song-cong'));
    expect(g.status).toBe(200);
    const file = await fetch((g.body as EvidenceDownloadResponse).downloadUrl);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    const audit = auditResponse.parse((await api.get(`${assessmentPath(C, unit)}/audit`, chair)).body);
    expect(audit.filter((e) => e.action.startsWith('evidence.')).map((e) => [e.action, e.code])).toEqual([
      ['evidence.add', '3.2.1'],
    ]);
  });
});
