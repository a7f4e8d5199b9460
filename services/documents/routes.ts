import { ndaInForce } from '#services/access-requests/public';
import { bulkDocumentSchemas, bulkDocuments } from '#services/documents/bulk-documents';
import { confirmUpload } from '#services/documents/confirm-upload';
import { createDocument } from '#services/documents/create-document';
import {
  createUploadUrl,
  MAX_PRESIGNED_UPLOAD_BYTES,
  UPLOAD_URL_TTL_SECONDS,
} from '#services/documents/create-upload-url';
import { deleteDocument } from '#services/documents/delete-document';
import {
  DOWNLOAD_URL_TTL_SECONDS,
  documentDownloadUrl,
  MAX_DOWNLOAD_URL_TTL_SECONDS,
  MIN_DOWNLOAD_URL_TTL_SECONDS,
} from '#services/documents/document-download-url';
import {
  MAX_WATERMARK_BYTES,
  MAX_WATERMARK_PAGES,
  WATERMARK_TIME_BUDGET_MS,
} from '#services/documents/file-limits';
import {
  createDocumentBody,
  createUploadUrlBody,
  type DocumentView,
  document,
  documentDownloadUrl as documentDownloadUrlSchema,
  documentIdParams,
  documentUploadParams,
  documentUploadUrl,
  documentVersions,
  downloadUrlQuery,
  listDocumentsQuery,
  updateDocumentBody,
} from '#services/documents/schemas';
import { type DocumentItem, findDocument, listDocuments } from '#services/documents/store';
import { updateDocument } from '#services/documents/update-document';
import { MAX_DOCUMENT_BYTES, uploadDocumentFile } from '#services/documents/upload-document-file';
import { toDocumentView, toVersionView } from '#services/documents/view';
import { NotFoundError, ValidationError } from '#shared/errors';
import {
  MAX_IMAGE_PIXELS,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_ENTRY_RATIO,
  MAX_ZIP_UNCOMPRESSED_BYTES,
} from '#shared/files/file-limits';
import { DOCUMENT_CONTENT_TYPES } from '#shared/files/sniff-content';
import { BULK_MAX_BODY_BYTES, bulkRouteDescription } from '#shared/http/bulk-schemas';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'documents';

/** What every upload must be, in the words of the published descriptions. */
const FILE_RULES = `The whole file is checked against its declared type, else 415 naming what is wrong: a PDF must parse from its \`%PDF-\` header to its final \`%%EOF\` with at least one page; a PNG must decode with every chunk's CRC right and end at its IEND chunk; a JPEG must decode and end at its EOI marker (images at most ${MAX_IMAGE_PIXELS} pixels); a DOCX or XLSX must be a ZIP package with \`[Content_Types].xml\` declaring the main part, \`_rels/.rels\` and the main part (\`word/document.xml\` or \`xl/workbook.xml\`), no VBA project, at most ${MAX_ZIP_ENTRIES} entries, expanding to at most ${MAX_ZIP_UNCOMPRESSED_BYTES} bytes and no entry more than ${MAX_ZIP_ENTRY_RATIO} times; text must be UTF-8 without NUL bytes. Nothing may precede or follow the file's own structure.`;

/** The watermark bound, where it affects uploads, access-level changes and downloads. */
const WATERMARK_LIMITS = `A \`restricted\` or \`requires_nda\` document is watermarked for every viewer, so its PDF may have at most ${MAX_WATERMARK_PAGES} pages and ${MAX_WATERMARK_BYTES} bytes`;
const tags = ['Documents'];
/** Issue 10, item 14: an admin who gates a document behind an NDA learns which NDA its visitors accept. */
const NDA_NOTICE =
  "For a `requires_nda` document the answer's `nda` names the NDA visitors accept: `source: platform_default` while the trust center has published none (the platform's default mutual NDA, `GET /api/v1/ndas`), until `POST /api/v1/ndas`.";
const NDA_NOTICE_BULK =
  "Visitors of a `requires_nda` document accept the current NDA: the platform's default mutual NDA while none is published (`GET /api/v1/ndas` shows which).";

/** The views, each NDA-gated one with the NDA in force (`Document.nda`), read once for them all. */
async function withNda(tenantId: string, views: DocumentView[]): Promise<DocumentView[]> {
  if (!views.some((view) => view.access_level === 'requires_nda')) return views;
  const nda = await ndaInForce(tenantId);
  return views.map((view) => (view.access_level === 'requires_nda' ? { ...view, nda } : view));
}

/** One document as every document route answers it. */
async function answerOf(item: DocumentItem): Promise<DocumentView> {
  const [view] = await withNda(item.tenantId, [toDocumentView(item)]);
  return view as DocumentView;
}

export const documentRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/documents',
    operationId: 'listDocuments',
    summary: 'List documents',
    tags,
    auth: 'tenant',
    scope: 'documents:read',
    request: { query: listDocumentsQuery },
    responses: {
      200: { description: 'A page of documents, newest first', schema: listSchema('documents', document) },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listDocuments', tenantId, { query });
      const page = await listDocuments(
        tenantId,
        { accessLevel: query.access_level, category: query.category, featured: query.featured },
        { limit: query.limit, position: await openCursor(listing, query.cursor) },
      );
      const views = await withNda(tenantId, page.items.map(toDocumentView));
      return { status: 200, body: await listBody('documents', listing, views, page.position) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/documents',
    operationId: 'createDocument',
    summary: 'Create a document',
    description: `Creates the metadata; upload the file with \`PUT /api/v1/documents/{id}/file\`, or for large files with \`POST /api/v1/documents/{id}/upload-url\`. ${NDA_NOTICE}`,
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { body: createDocumentBody },
    responses: { 201: { description: 'The document was created', schema: document } },
    async handler({ identity, body }) {
      const item = await createDocument(callerOf(identity), body);
      return { status: 201, body: await answerOf(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/documents/bulk',
    operationId: 'bulkDocuments',
    summary: 'Create and update document metadata in bulk',
    description: `${bulkRouteDescription('document', 'POST /api/v1/documents', 'PATCH /api/v1/documents/{id}')}\n\nMetadata only: upload each file with its own request. ${NDA_NOTICE_BULK}`,
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { body: bulkDocumentSchemas.body, maxBodyBytes: BULK_MAX_BODY_BYTES },
    responses: {
      200: {
        description: 'Every operation was tried; one result each',
        schema: bulkDocumentSchemas.response,
      },
      400: {
        description: 'Invalid request, or (all_or_nothing) an operation failed and nothing was written',
        schema: bulkDocumentSchemas.failure,
      },
      409: {
        description: 'all_or_nothing: a concurrent change refused the transaction; nothing was written',
        schema: bulkDocumentSchemas.failure,
      },
    },
    async handler({ identity, body, correlationId }) {
      return { status: 200, body: await bulkDocuments(callerOf(identity), body, correlationId) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/documents/{id}',
    operationId: 'getDocument',
    summary: 'Get a document',
    tags,
    auth: 'tenant',
    scope: 'documents:read',
    request: { params: documentIdParams },
    responses: { 200: { description: 'The document', schema: document } },
    async handler({ identity, params }) {
      const item = await findDocument(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such document', 'id');
      return { status: 200, body: await answerOf(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/documents/{id}',
    operationId: 'updateDocument',
    summary: 'Update a document',
    description: `Send \`If-Match\` with the ETag from a previous read to refuse the update (412) if the document changed since. ${WATERMARK_LIMITS}: changing \`access_level\` from \`public\` while the current file is a larger PDF is refused with 409. The answer's \`watermark\` says whether the current file will be stamped under the new access level (\`skipped_reason: "encrypted"\` for an encrypted PDF, which can never be). ${NDA_NOTICE}`,
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { params: documentIdParams, body: updateDocumentBody },
    responses: { 200: { description: 'The updated document', schema: document } },
    async handler({ identity, params, body, headers }) {
      const item = await updateDocument(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: await answerOf(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/documents/{id}',
    operationId: 'deleteDocument',
    summary: 'Delete a document',
    description:
      'Deletes the document and every stored version of its file. An `If-Match` header, when sent, must name the current version (else 412).',
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { params: documentIdParams },
    responses: { 204: { description: 'The document and its files were deleted' } },
    async handler({ identity, params, headers }) {
      await deleteDocument(callerOf(identity), params.id, headers['if-match']);
      return { status: 204 };
    },
  }),
  defineRoute({
    service,
    method: 'PUT',
    path: '/api/v1/documents/{id}/file',
    operationId: 'uploadDocumentFile',
    summary: "Upload the document's file",
    description: `The raw file as the body (at most ${MAX_DOCUMENT_BYTES} bytes), its type as \`Content-Type\`. ${FILE_RULES} ${WATERMARK_LIMITS}: a larger PDF is refused with 413 (make the document public first, or split the file). Every upload is a new version and becomes the current file; earlier versions stay downloadable. The answer's \`watermark\` (and the \`document.uploaded\` event's \`document.watermark\`) says whether downloads will be stamped: an encrypted PDF is accepted for a restricted or NDA-gated document but never watermarked (\`skipped_reason: "encrypted"\`). \`If-Match\`, when sent, must name the current version (else 412).`,
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: {
      params: documentIdParams,
      rawBody: { contentTypes: DOCUMENT_CONTENT_TYPES, maxBytes: MAX_DOCUMENT_BYTES },
    },
    responses: { 200: { description: 'The document with its new current file', schema: document } },
    async handler({ identity, params, headers, rawBody }) {
      if (!rawBody) throw new ValidationError('A request body is required', 'body');
      const item = await uploadDocumentFile(callerOf(identity), params.id, {
        bytes: rawBody,
        contentTypeHeader: headers['content-type'],
        ifMatch: headers['if-match'],
      });
      return { status: 200, body: await answerOf(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/documents/{id}/versions',
    operationId: 'listDocumentVersions',
    summary: "List the document's file versions",
    description: 'Every upload, newest (current) first, in one page.',
    tags,
    auth: 'tenant',
    scope: 'documents:read',
    request: { params: documentIdParams },
    responses: { 200: { description: 'The versions, newest first', schema: documentVersions } },
    async handler({ identity, params }) {
      const item = await findDocument(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such document', 'id');
      const versions = item.versions.map(toVersionView).reverse();
      return { status: 200, body: { versions, has_more: false, next_cursor: null } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/documents/{id}/download-url',
    operationId: 'getDocumentDownloadUrl',
    summary: 'Get a download link for the file',
    description: `A presigned URL, valid for \`expires_in\` seconds (${DOWNLOAD_URL_TTL_SECONDS} by default, ${MIN_DOWNLOAD_URL_TTL_SECONDS} to ${MAX_DOWNLOAD_URL_TTL_SECONDS}), that serves the file (the current version, or \`version_id\`) as an attachment. For a \`restricted\` or \`requires_nda\` PDF it serves a copy stamped on every page with the caller (a person's email, else the credential's id) and the date; an encrypted PDF is served as it is, with \`watermark_skipped_reason\`. Stamping is bounded: a PDF over ${MAX_WATERMARK_PAGES} pages or ${MAX_WATERMARK_BYTES} bytes (a version stored before these limits), or one whose stamping takes longer than ${WATERMARK_TIME_BUDGET_MS / 1000} s, is refused with 409 and never served unstamped. 404 when the document has no file yet.`,
    tags,
    auth: 'tenant',
    scope: 'documents:read',
    request: { params: documentIdParams, query: downloadUrlQuery },
    responses: { 200: { description: 'The download link', schema: documentDownloadUrlSchema } },
    async handler({ identity, params, query }) {
      const link = await documentDownloadUrl(callerOf(identity), params.id, {
        versionId: query.version_id,
        expiresInSeconds: query.expires_in,
      });
      return { status: 200, body: link };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/documents/{id}/upload-url',
    operationId: 'createDocumentUploadUrl',
    summary: 'Start a presigned upload of a large file',
    description: `For files up to ${MAX_PRESIGNED_UPLOAD_BYTES} bytes (413 above). Returns a presigned PUT, valid for ${UPLOAD_URL_TTL_SECONDS} seconds, to a staging location: PUT exactly \`size_bytes\` bytes to \`url\` with \`headers\`, then call \`POST …/uploads/{upload_id}/confirm\` to make the file a new version. Nothing changes on the document until the confirm.`,
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { params: documentIdParams, body: createUploadUrlBody },
    responses: { 201: { description: 'The upload URL', schema: documentUploadUrl } },
    async handler({ identity, params, body }) {
      const { upload, url, headers } = await createUploadUrl(callerOf(identity), params.id, body);
      return {
        status: 201,
        body: { upload_id: upload.uploadId, url, method: 'PUT', headers, expires_at: upload.urlExpiresAt },
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/documents/{id}/uploads/{upload_id}/confirm',
    operationId: 'confirmDocumentUpload',
    summary: 'Confirm a presigned upload',
    description: `Checks the uploaded object (present, of the declared size, within ${MAX_PRESIGNED_UPLOAD_BYTES} bytes, its bytes a whole, well-formed file of the declared type as \`PUT …/file\` checks them, within the watermark limits when the document is not public, its SHA-256 equal to the declared one when given) and makes it the document's new current version, exactly as \`PUT …/file\` does, with the same \`watermark\` outlook (an encrypted PDF is accepted but never watermarked). A refused file is deleted and the answer says why: 413 too large (or a PDF past the watermark limits of a restricted document), 400 size or sha256 mismatch, 415 not of the declared type; the upload stays open, so a corrected file may be PUT to the same URL while it is valid. 400 when nothing was uploaded yet; 404 for an unknown upload or one whose confirm window (an hour past the URL's expiry) has passed; 409 when the upload was already confirmed (the message names its version). \`If-Match\`, when sent, must name the document's current version (else 412).`,
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { params: documentUploadParams },
    responses: { 200: { description: 'The document with its new current file', schema: document } },
    async handler({ identity, params, headers }) {
      const item = await confirmUpload(callerOf(identity), params.id, params.upload_id, headers['if-match']);
      return { status: 200, body: await answerOf(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
];
