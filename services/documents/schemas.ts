import * as z from 'zod';
import {
  DOWNLOAD_URL_TTL_SECONDS,
  MAX_DOWNLOAD_URL_TTL_SECONDS,
  MIN_DOWNLOAD_URL_TTL_SECONDS,
} from '#services/documents/download-url-limits';
import type { WatermarkSkippedReason } from '#services/documents/watermark';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { DOCUMENT_CONTENT_TYPES } from '#shared/files/sniff-content';
import { pageQuery } from '#shared/http/pagination';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { translationsField } from '#shared/translations';

export const DOCUMENT_LANGUAGES = ['en', 'de', 'fr'] as const;

/** Each upload is a version: `ver_` plus a ULID, so versions sort by upload time. */
export const VERSION_ID_PATTERN = /^ver_[0-9A-HJKMNP-TV-Z]{26}$/;

const accessLevel = z
  .enum(ACCESS_LEVELS)
  .describe('Who may see the document: anyone, approved visitors, or visitors who signed the NDA.')
  .meta({ id: 'DocumentAccessLevel' });
const language = z.enum(DOCUMENT_LANGUAGES);

/** The text of a document's entry a visitor reads in their language (the file itself has `language`). */
export const DOCUMENT_TRANSLATED_FIELDS = ['title', 'description'] as const;
export const documentTranslations = translationsField({
  title: singleLine(200),
  description: multiLine(2000),
});

export const createDocumentBody = z
  .strictObject({
    title: singleLine(200).meta({ example: 'SOC 2 Type II Report' }),
    description: multiLine(2000, { min: 0 }).optional(),
    access_level: accessLevel,
    category: singleLine(100).optional().meta({ example: 'security-audits' }),
    featured: z.boolean().default(false),
    language: language
      .optional()
      .describe(
        "The document's language; the trust center's default language (its brand's `default_language`) when absent.",
      ),
    translations: documentTranslations.optional(),
  })
  .meta({ id: 'CreateDocumentRequest' });

export const updateDocumentBody = z
  .strictObject({
    title: singleLine(200).optional(),
    description: multiLine(2000, { min: 0 }).nullable().optional(),
    access_level: accessLevel.optional(),
    category: singleLine(100).nullable().optional(),
    featured: z.boolean().optional(),
    language: language.optional(),
    translations: documentTranslations.optional().describe('Replaces every translation.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateDocumentRequest', minProperties: 1 });

export const listDocumentsQuery = z.object({
  ...pageQuery,
  access_level: accessLevel.optional().describe('Only documents with this access level.'),
  category: singleLine(100).optional().describe('Only documents in this category (exact match).'),
  featured: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('Only featured (`true`) or not featured (`false`) documents.'),
});

/** One vocabulary for "why no watermark", at upload (Document.watermark) and at download (DocumentDownloadUrl). */
const watermarkSkippedReason = z
  .enum(['encrypted', 'unreadable', 'not_pdf'] as const satisfies readonly WatermarkSkippedReason[])
  .describe(
    'Why a restricted or NDA-gated file is served without a watermark: `encrypted`, a PDF that cannot be changed without its password; `unreadable`, a PDF that cannot be parsed; `not_pdf`, a file that is not a PDF (only PDFs are stamped).',
  )
  .meta({ id: 'WatermarkSkippedReason' });

const documentWatermark = z
  .object({
    applies: z
      .boolean()
      .describe(
        'Whether downloads of the current file are stamped on every page with the viewer and the date: a restricted or NDA-gated document whose file is a PDF that is not encrypted. False for public documents and before the first upload.',
      ),
    skipped_reason: watermarkSkippedReason
      .nullable()
      .describe(
        'Why the current file of this restricted or NDA-gated document will be served unstamped (`encrypted` or `not_pdf`, known at upload); null when the watermark applies, for public documents and before the first upload.',
      ),
  })
  .describe(
    'The watermark outlook of the current file, said when the file or the access level changes (upload, confirm, PATCH) so an encrypted PDF made restricted is not discovered at the first download.',
  )
  .meta({ id: 'DocumentWatermark' });

export const documentVersion = z
  .object({
    version_id: z.string().meta({ example: 'ver_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    content_type: z.enum(DOCUMENT_CONTENT_TYPES),
    size: z.number().int().describe('Bytes.'),
    sha256: z.string().describe('Hex SHA-256 of the stored bytes.'),
    uploaded_at: z.iso.datetime(),
  })
  .meta({ id: 'DocumentVersion' });

/** Which NDA visitors accept for an NDA-gated document (services/access-requests `ndaInForce`). */
const documentNda = z
  .object({
    source: z
      .enum(['tenant', 'platform_default'])
      .describe(
        "`platform_default`: the trust center has published no NDA, so visitors accept the platform's default mutual NDA; review it (`GET /api/v1/ndas`) or publish your own (`POST /api/v1/ndas`).",
      ),
    version: z
      .union([z.number().int(), z.string()])
      .describe(
        'The NDA version visitors accept now: a number you published, or a default such as `default-en-1`.',
      ),
  })
  .meta({ id: 'DocumentNda' });

export const document = z
  .object({
    id: z.string().meta({ example: 'doc_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    title: z.string(),
    description: z.string().nullable(),
    access_level: accessLevel,
    category: z.string().nullable(),
    featured: z.boolean(),
    language,
    translations: documentTranslations.optional().describe('Absent when nothing is translated.'),
    file: documentVersion.nullable().describe('The current (newest) upload, or null before the first.'),
    watermark: documentWatermark,
    nda: documentNda
      .optional()
      .describe(
        'For a `requires_nda` document, in every answer of the document routes (not in events): the NDA its visitors accept, so an admin learns when that is the platform default. Absent for other access levels.',
      ),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Document' });

export const documentVersions = z
  .object({
    versions: z.array(documentVersion).describe('Every upload, newest (current) first.'),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'DocumentVersionList' });

export const documentDownloadUrl = z
  .object({
    url: z.string().describe('A presigned GET; anyone holding it can download until it expires.'),
    expires_at: z.iso.datetime(),
    watermarked: z
      .boolean()
      .describe(
        'Whether the URL serves a copy stamped on every page with the viewer (email, or credential id) and the date. Restricted and NDA-gated PDFs are; public documents never.',
      ),
    watermark_skipped_reason: watermarkSkippedReason
      .nullable()
      .describe(
        'Why a restricted or NDA-gated document is served without a watermark: an encrypted PDF (it cannot be changed without its password), a PDF that cannot be parsed, or a file that is not a PDF. Null when watermarked or public.',
      ),
  })
  .meta({ id: 'DocumentDownloadUrl' });

export const createUploadUrlBody = z
  .strictObject({
    content_type: z.enum(DOCUMENT_CONTENT_TYPES).describe('The same allowlist as `PUT …/file`.'),
    size_bytes: z
      .number()
      .int()
      .min(1)
      .describe('The exact size of the file; the PUT must send exactly this many bytes.'),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'Not a hex SHA-256')
      .transform((value) => value.toLowerCase())
      .optional()
      .describe('Hex SHA-256 of the file; when given, the confirm refuses a file that does not match.'),
  })
  .meta({ id: 'CreateUploadUrlRequest' });

export const documentUploadUrl = z
  .object({
    upload_id: z.string().meta({ example: 'upl_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    url: z.string().describe('A presigned PUT for the file; Content-Length must be `size_bytes`.'),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()).describe('Headers to send with the PUT.'),
    expires_at: z.iso.datetime(),
  })
  .meta({ id: 'DocumentUploadUrl' });

export const documentUploadParams = z.strictObject({
  id: z.string().regex(idPattern('document'), 'Not a document id'),
  upload_id: z.string().regex(idPattern('upload'), 'Not an upload id'),
});

export const documentIdParams = z.strictObject({
  id: z.string().regex(idPattern('document'), 'Not a document id'),
});

export const downloadUrlQuery = z.object({
  version_id: z
    .string()
    .regex(VERSION_ID_PATTERN, 'Not a version id')
    .optional()
    .describe('The version to download; the current one by default.'),
  expires_in: z.coerce
    .number()
    .int()
    .min(MIN_DOWNLOAD_URL_TTL_SECONDS)
    .max(MAX_DOWNLOAD_URL_TTL_SECONDS)
    .default(DOWNLOAD_URL_TTL_SECONDS)
    .describe('Seconds the link stays valid.'),
});

export type CreateUploadUrlBody = z.output<typeof createUploadUrlBody>;
export type CreateDocumentBody = z.output<typeof createDocumentBody>;
export type UpdateDocumentBody = z.output<typeof updateDocumentBody>;
export type ListDocumentsQuery = z.output<typeof listDocumentsQuery>;
export type DocumentView = z.output<typeof document>;
export type DocumentVersionView = z.output<typeof documentVersion>;
