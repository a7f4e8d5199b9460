import {
  CERTIFICATE_DOWNLOAD_URL_TTL_SECONDS,
  certificateDownloadUrl,
} from '#services/certifications/certificate-download-url';
import { calendarDate } from '#services/certifications/certification-status';
import { createCertification } from '#services/certifications/create-certification';
import { deleteCertification } from '#services/certifications/delete-certification';
import {
  certificateDownloadUrl as certificateDownloadUrlSchema,
  certification,
  certificationIdParams,
  createCertificationBody,
  getCertificationQuery,
  listCertificationsQuery,
  updateCertificationBody,
} from '#services/certifications/schemas';
import { findCertification, listCertifications } from '#services/certifications/store';
import { updateCertification } from '#services/certifications/update-certification';
import {
  CERTIFICATE_CONTENT_TYPES,
  MAX_CERTIFICATE_FILE_BYTES,
  uploadCertificateFile,
} from '#services/certifications/upload-certificate-file';
import { toCertificationView } from '#services/certifications/view';
import { NotFoundError, ValidationError } from '#shared/errors';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'certifications';
const tags = ['Certifications'];

export const certificationRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/certifications',
    operationId: 'listCertifications',
    summary: 'List certifications',
    description:
      'Each certification carries a `status` computed for today (UTC): `expired` after `expires_at`, `expiring` within `expiring_within_days` (default 60) before it, else `valid`. Filter by it with `status`.',
    tags,
    auth: 'tenant',
    scope: 'certifications:read',
    request: { query: listCertificationsQuery },
    responses: {
      200: {
        description: 'A page of certifications, newest first',
        schema: listSchema('certifications', certification),
      },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listCertifications', tenantId, { query });
      const reading = { today: calendarDate(new Date()), windowDays: query.expiring_within_days };
      const page = await listCertifications(
        tenantId,
        { status: query.status, ...reading },
        { limit: query.limit, position: await openCursor(listing, query.cursor) },
      );
      const views = page.items.map((item) => toCertificationView(item, reading));
      return { status: 200, body: await listBody('certifications', listing, views, page.position) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/certifications',
    operationId: 'createCertification',
    summary: 'Add a certification',
    tags,
    auth: 'tenant',
    scope: 'certifications:write',
    request: { body: createCertificationBody },
    responses: { 201: { description: 'The certification was added', schema: certification } },
    async handler({ identity, body }) {
      const item = await createCertification(callerOf(identity), body);
      return { status: 201, body: toCertificationView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/certifications/{id}',
    operationId: 'getCertification',
    summary: 'Get a certification',
    tags,
    auth: 'tenant',
    scope: 'certifications:read',
    request: { params: certificationIdParams, query: getCertificationQuery },
    responses: { 200: { description: 'The certification', schema: certification } },
    async handler({ identity, params, query }) {
      const item = await findCertification(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such certification', 'id');
      const view = toCertificationView(item, { windowDays: query.expiring_within_days });
      return { status: 200, body: view, headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/certifications/{id}',
    operationId: 'updateCertification',
    summary: 'Update a certification',
    description:
      'Send `If-Match` with the ETag from a previous read to refuse the update (412) if the certification changed since.',
    tags,
    auth: 'tenant',
    scope: 'certifications:write',
    request: { params: certificationIdParams, body: updateCertificationBody },
    responses: { 200: { description: 'The updated certification', schema: certification } },
    async handler({ identity, params, body, headers }) {
      const item = await updateCertification(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toCertificationView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/certifications/{id}',
    operationId: 'deleteCertification',
    summary: 'Delete a certification',
    description:
      'Deletes the certification and its certificate file. An `If-Match` header, when sent, must name the current version (else 412).',
    tags,
    auth: 'tenant',
    scope: 'certifications:write',
    request: { params: certificationIdParams },
    responses: { 204: { description: 'The certification and its file were deleted' } },
    async handler({ identity, params, headers }) {
      await deleteCertification(callerOf(identity), params.id, headers['if-match']);
      return { status: 204 };
    },
  }),
  defineRoute({
    service,
    method: 'PUT',
    path: '/api/v1/certifications/{id}/file',
    operationId: 'uploadCertificateFile',
    summary: "Upload the certification's certificate file",
    description: `The raw file as the body (at most ${MAX_CERTIFICATE_FILE_BYTES} bytes, else 413), its type as \`Content-Type\` (${CERTIFICATE_CONTENT_TYPES.join(', ')}, else 415). The whole file must be what its type says (a PDF that parses to its \`%%EOF\`, a PNG or JPEG that decodes to its last chunk, at most 10 megapixels), else 415 with the reason. A certification has one file: an upload replaces the previous one. \`If-Match\`, when sent, must name the current version (else 412).`,
    tags,
    auth: 'tenant',
    scope: 'certifications:write',
    request: {
      params: certificationIdParams,
      rawBody: { contentTypes: CERTIFICATE_CONTENT_TYPES, maxBytes: MAX_CERTIFICATE_FILE_BYTES },
    },
    responses: { 200: { description: 'The certification with its new file', schema: certification } },
    async handler({ identity, params, headers, rawBody }) {
      if (!rawBody) throw new ValidationError('A request body is required', 'body');
      const item = await uploadCertificateFile(callerOf(identity), params.id, {
        bytes: rawBody,
        contentTypeHeader: headers['content-type'],
        ifMatch: headers['if-match'],
      });
      return { status: 200, body: toCertificationView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/certifications/{id}/file/download-url',
    operationId: 'getCertificateDownloadUrl',
    summary: 'Get a download link for the certificate file',
    description: `A presigned URL valid for ${CERTIFICATE_DOWNLOAD_URL_TTL_SECONDS} seconds that serves the certificate file as an attachment. 404 when the certification has no file yet.`,
    tags,
    auth: 'tenant',
    scope: 'certifications:read',
    request: { params: certificationIdParams },
    responses: { 200: { description: 'The download link', schema: certificateDownloadUrlSchema } },
    async handler({ identity, params }) {
      const link = await certificateDownloadUrl(callerOf(identity), params.id);
      return { status: 200, body: link };
    },
  }),
];
