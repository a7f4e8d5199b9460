import { createDocument } from '#services/documents/create-document';
import { deleteDocument } from '#services/documents/delete-document';
import { DOWNLOAD_URL_TTL_SECONDS, documentDownloadUrl } from '#services/documents/document-download-url';
import {
  createDocumentBody,
  document,
  documentDownloadUrl as documentDownloadUrlSchema,
  documentIdParams,
  documentVersions,
  downloadUrlQuery,
  listDocumentsQuery,
  updateDocumentBody,
} from '#services/documents/schemas';
import { DOCUMENT_CONTENT_TYPES } from '#services/documents/sniff-content';
import { findDocument, listDocuments } from '#services/documents/store';
import { updateDocument } from '#services/documents/update-document';
import { MAX_DOCUMENT_BYTES, uploadDocumentFile } from '#services/documents/upload-document-file';
import { toDocumentView, toVersionView } from '#services/documents/view';
import { NotFoundError, ValidationError } from '#shared/http/errors';
import { etagOf } from '#shared/http/etag';
import { listBody, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'documents';
const tags = ['Documents'];

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
      const page = await listDocuments(
        tenantId,
        { accessLevel: query.access_level, category: query.category, featured: query.featured },
        { limit: query.limit, position: await openCursor(tenantId, query.cursor) },
      );
      const views = page.items.map(toDocumentView);
      return { status: 200, body: await listBody('documents', tenantId, views, page.position) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/documents',
    operationId: 'createDocument',
    summary: 'Create a document',
    description: 'Creates the metadata; upload the file with `PUT /api/v1/documents/{id}/file`.',
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { body: createDocumentBody },
    responses: { 201: { description: 'The document was created', schema: document } },
    async handler({ identity, body }) {
      const item = await createDocument(callerOf(identity), body);
      return { status: 201, body: toDocumentView(item), headers: { ETag: etagOf(item.version) } };
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
      return { status: 200, body: toDocumentView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/documents/{id}',
    operationId: 'updateDocument',
    summary: 'Update a document',
    description:
      'Send `If-Match` with the ETag from a previous read to refuse the update (412) if the document changed since.',
    tags,
    auth: 'tenant',
    scope: 'documents:write',
    request: { params: documentIdParams, body: updateDocumentBody },
    responses: { 200: { description: 'The updated document', schema: document } },
    async handler({ identity, params, body, headers }) {
      const item = await updateDocument(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toDocumentView(item), headers: { ETag: etagOf(item.version) } };
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
    description: `The raw file as the body (at most ${MAX_DOCUMENT_BYTES} bytes), its type as \`Content-Type\`. The bytes must match the declared type (checked by their signature), else 415. Every upload is a new version and becomes the current file; earlier versions stay downloadable. \`If-Match\`, when sent, must name the current version (else 412).`,
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
      return { status: 200, body: toDocumentView(item), headers: { ETag: etagOf(item.version) } };
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
    description: `A presigned URL valid for ${DOWNLOAD_URL_TTL_SECONDS} seconds that serves the file (the current version, or \`version_id\`) as an attachment. 404 when the document has no file yet.`,
    tags,
    auth: 'tenant',
    scope: 'documents:read',
    request: { params: documentIdParams, query: downloadUrlQuery },
    responses: { 200: { description: 'The download link', schema: documentDownloadUrlSchema } },
    async handler({ identity, params, query }) {
      const link = await documentDownloadUrl(callerOf(identity), params.id, query.version_id);
      return { status: 200, body: link };
    },
  }),
];
