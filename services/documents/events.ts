import * as z from 'zod';
import {
  createUploadUrlBody,
  document,
  documentVersion,
  updateDocumentBody,
} from '#services/documents/schemas';
import { defineEvent } from '#shared/events/catalogue';

/** The events of compliance documents and their versioned files. */
export const documentEvents = [
  defineEvent({
    type: 'document.created',
    summary: 'A document was created (alone or in a bulk request), before any file is uploaded.',
    data: z.strictObject({ document }),
  }),
  defineEvent({
    type: 'document.updated',
    summary: "A document's metadata was changed; `changed` names the fields the request set.",
    data: z.strictObject({ document, changed: z.array(updateDocumentBody.keyof()) }),
  }),
  defineEvent({
    type: 'document.deleted',
    summary: 'A document was deleted with its files; `document` is how it was just before.',
    data: z.strictObject({ document }),
  }),
  defineEvent({
    type: 'document.upload_started',
    summary: 'A presigned upload URL was issued for a new version of a document.',
    data: z.strictObject({
      document_id: z.string(),
      upload_id: z.string(),
      content_type: createUploadUrlBody.shape.content_type,
      size_bytes: z.number().int(),
      expires_at: z.iso.datetime().describe('When the upload URL stops working.'),
    }),
  }),
  defineEvent({
    type: 'document.watermarked',
    summary:
      'A watermarked copy of a restricted PDF version was made for a viewer (once per version, viewer and day); `viewer` is the name stamped on it.',
    data: z.strictObject({
      document_id: z.string(),
      version_id: z.string(),
      viewer: z.string().describe("The viewer's email, or a credential id where no email is known."),
    }),
  }),
  defineEvent({
    type: 'document.uploaded',
    summary:
      'A new file version became the current one of a document, uploaded directly or confirmed after a presigned upload.',
    data: z.strictObject({
      document,
      version: documentVersion,
      size: z.number().int().describe('Bytes of the new version.'),
    }),
  }),
];
