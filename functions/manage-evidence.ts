/**
 * Evidence: the browser asks for an upload, PUTs the file straight to S3 with the presigned request,
 * then confirms. The object is checked here (size, type by its first bytes) before it is attached to
 * the row; a file that fails is deleted. Downloads are presigned GETs served as attachments.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { applyEvidence } from '../shared/assessment.js';
import { InvalidInput, NotFound, TooLarge } from '../shared/errors.js';
import { transition } from '../shared/lifecycle.js';
import { evidenceRequest, MAX_EVIDENCE_BYTES, type Evidence, type EvidenceContentType } from '../shared/schemas.js';
import { makeS3Client } from './lib/clients.js';
import { assertBeforeDeadline } from '../shared/deadlines.js';
import { assessmentOf, store, target } from './lib/context.js';
import { requireEnv } from './lib/env.js';
import { attachmentDisposition, contentMatches, sanitizeFileName } from './lib/evidence-files.js';
import { createApi, json, parse } from './lib/http.js';

const s3 = makeS3Client();
const bucket = requireEnv('BUCKET_NAME');
const URL_TTL_SECONDS = 15 * 60;
const INLINE_TYPES = /^(application\/pdf|image\/|audio\/|video\/)/;
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

async function discard(key: string) {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
}

export const handler = createApi('manage-evidence', {
  requestEvidenceUpload: async (req) => {
    const t = await target(req, 'evidence.edit');
    const input = parse(evidenceRequest, req.body());
    const a = await assessmentOf(t);
    transition(a, 'editEvidence');
    assertBeforeDeadline(t.cycle, a, req.now);
    const node = t.framework.byCode.get(input.code);
    if (!node || node.children.length > 0)
      throw new InvalidInput(`Tiêu chí ${input.code} không nhận tài liệu kiểm chứng trực tiếp`, [{ field: 'code' }]);
    if (input.size > MAX_EVIDENCE_BYTES)
      throw new TooLarge(`Tệp vượt quá dung lượng cho phép (${mb(MAX_EVIDENCE_BYTES)})`, [
        { field: 'size', max: MAX_EVIDENCE_BYTES },
      ]);
    const id = randomUUID();
    const key = `evidence/${t.cycle.id}/${t.commune.id}/${id}`;
    await store.putUpload({
      id,
      cycleId: t.cycle.id,
      unitId: t.commune.id,
      code: input.code,
      fileName: sanitizeFileName(input.fileName),
      contentType: input.contentType,
      size: input.size,
      key,
      by: t.principal.name,
      createdAt: req.now,
    });
    // Only host and Content-Length are signed: S3 refuses a file of another size, but not another
    // Content-Type header. The type is judged at confirm, by the file's first bytes.
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: input.contentType, ContentLength: input.size }),
      {
        expiresIn: URL_TTL_SECONDS,
      },
    );
    return json({ id, upload: { url, method: 'PUT', headers: { 'content-type': input.contentType } } }, 201);
  },

  confirmEvidence: async (req) => {
    const t = await target(req, 'evidence.edit');
    const upload = await store.getUpload(t.cycle.id, t.commune.id, req.params.evidenceId ?? '');
    if (!upload) throw new NotFound('Không có yêu cầu tải lên này (có thể đã xác nhận hoặc đã hủy).');
    const current = await assessmentOf(t);
    transition(current, 'editEvidence');
    assertBeforeDeadline(t.cycle, current, req.now);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key })).catch((e: { name?: string }) => {
      if (e?.name === 'NotFound' || e?.name === 'NoSuchKey') return undefined;
      throw e;
    });
    if (!head) throw new InvalidInput('Chưa nhận được tệp; vui lòng tải lên lại.', [{ field: 'file' }]);
    const size = head.ContentLength ?? 0;
    const reject = async (error: Error) => {
      await discard(upload.key);
      await store.deleteUpload(t.cycle.id, t.commune.id, upload.id);
      throw error;
    };
    if (size > MAX_EVIDENCE_BYTES)
      await reject(
        new TooLarge(`Tệp vượt quá dung lượng cho phép (${mb(MAX_EVIDENCE_BYTES)}); tệp đã bị xóa.`, [{ field: 'file' }]),
      );
    if (size !== upload.size)
      await reject(new InvalidInput('Kích thước tệp khác với kích thước đã khai báo; tệp đã bị xóa.', [{ field: 'file' }]));
    const first = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: upload.key, Range: 'bytes=0-15' }));
    const bytes = await first.Body!.transformToByteArray();
    if (!contentMatches(upload.contentType as EvidenceContentType, bytes))
      await reject(
        new InvalidInput(
          'Nội dung tệp không đúng loại đã khai báo (chỉ nhận PDF, ảnh, tài liệu Office, âm thanh, video); tệp đã bị xóa.',
          [{ field: 'file' }],
        ),
      );
    const evidence: Evidence = {
      id: upload.id,
      fileName: upload.fileName,
      contentType: upload.contentType,
      size,
      uploadedAt: req.now,
      uploadedBy: upload.by,
    };
    await store.update(t.cycle.id, t.commune.districtId, t.commune.id, (a) =>
      a.rows[upload.code]?.evidence?.some((e) => e.id === upload.id)
        ? { next: a, audit: [] }
        : applyEvidence(t.framework, a, upload.code, { add: evidence }, { principal: t.principal, now: req.now }),
    );
    await store.deleteUpload(t.cycle.id, t.commune.id, upload.id);
    return json({ ...evidence, code: upload.code });
  },

  getEvidence: async (req) => {
    const t = await target(req, 'assessment.read');
    const a = await assessmentOf(t);
    const id = req.params.evidenceId ?? '';
    const found = Object.values(a.rows)
      .flatMap((r) => r.evidence ?? [])
      .find((e) => e.id === id);
    if (!found) throw new NotFound('Không có tài liệu kiểm chứng này.');
    const downloadUrl = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: `evidence/${t.cycle.id}/${t.commune.id}/${id}`,
        // ?inline=1 lets the browser show a PDF, an image or a recording; anything else downloads.
        ResponseContentDisposition: attachmentDisposition(
          found.fileName,
          req.query.inline === '1' && INLINE_TYPES.test(found.contentType),
        ),
        ResponseContentType: found.contentType,
      }),
      { expiresIn: URL_TTL_SECONDS },
    );
    return json({ downloadUrl });
  },

  deleteEvidence: async (req) => {
    const t = await target(req, 'evidence.edit');
    const id = req.params.evidenceId ?? '';
    const a = await assessmentOf(t);
    transition(a, 'editEvidence');
    assertBeforeDeadline(t.cycle, a, req.now);
    const code = Object.entries(a.rows).find(([, r]) => r.evidence?.some((e) => e.id === id))?.[0];
    if (!code) throw new NotFound('Không có tài liệu kiểm chứng này.');
    await store.update(t.cycle.id, t.commune.districtId, t.commune.id, (cur) =>
      applyEvidence(t.framework, cur, code, { removeId: id }, { principal: t.principal, now: req.now }),
    );
    // The bucket is versioned: the deleted file stays recoverable by an operator.
    await discard(`evidence/${t.cycle.id}/${t.commune.id}/${id}`);
    return { status: 204 };
  },
});
