import * as z from 'zod';
import { CERTIFICATE_CONTENT_TYPES } from '#services/certifications/certificate-content-types';
import {
  CERTIFICATION_STATUSES,
  DEFAULT_EXPIRING_WITHIN_DAYS,
} from '#services/certifications/certification-status';
import { pageQuery } from '#shared/http/pagination';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { translationsField } from '#shared/translations';

const isoDate = z.iso.date('Must be a date as YYYY-MM-DD');

/** The text of a certification a visitor reads in their language; framework and issuer are names. */
export const CERTIFICATION_TRANSLATED_FIELDS = ['description'] as const;
export const certificationTranslations = translationsField({ description: multiLine(2000) });

export const createCertificationBody = z
  .strictObject({
    framework: singleLine(200).meta({ example: 'SOC 2 Type II' }),
    issuer: singleLine(200),
    issued_at: isoDate,
    expires_at: isoDate.describe('Must be after issued_at.'),
    description: multiLine(2000, { min: 0 }).optional(),
    translations: certificationTranslations.optional(),
  })
  .superRefine((body, context) => {
    if (body.expires_at <= body.issued_at) {
      context.addIssue({
        code: 'custom',
        message: 'expires_at must be after issued_at',
        path: ['expires_at'],
      });
    }
  })
  .meta({ id: 'CreateCertificationRequest' });

export const updateCertificationBody = z
  .strictObject({
    framework: singleLine(200).optional(),
    issuer: singleLine(200).optional(),
    issued_at: isoDate.optional(),
    expires_at: isoDate
      .optional()
      .describe('Must be after issued_at (the one sent, or else the stored one).'),
    description: multiLine(2000, { min: 0 }).nullable().optional(),
    translations: certificationTranslations.optional().describe('Replaces every translation.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateCertificationRequest', minProperties: 1 });

const expiringWithinDays = z.coerce
  .number()
  .int()
  .min(0)
  .max(3650)
  .default(DEFAULT_EXPIRING_WITHIN_DAYS)
  .describe(
    `How many days before its expiry a certification counts as \`expiring\` (default ${DEFAULT_EXPIRING_WITHIN_DAYS}).`,
  );

export const certificationStatus = z.enum(CERTIFICATION_STATUSES).meta({ id: 'CertificationStatus' });

export const listCertificationsQuery = z.object({
  ...pageQuery,
  status: certificationStatus.optional().describe('Only certifications with this status today.'),
  expiring_within_days: expiringWithinDays,
});

export const getCertificationQuery = z.object({ expiring_within_days: expiringWithinDays });

export const certificateFile = z
  .object({
    content_type: z.enum(CERTIFICATE_CONTENT_TYPES),
    size_bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    uploaded_at: z.iso.datetime(),
  })
  .meta({ id: 'CertificateFile' });

export const certification = z
  .object({
    id: z.string().meta({ example: 'cert_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    framework: z.string(),
    issuer: z.string(),
    issued_at: z.iso.date(),
    expires_at: z.iso.date(),
    description: z.string().nullable(),
    translations: certificationTranslations.optional().describe('Absent when nothing is translated.'),
    status: certificationStatus.describe(
      'Computed on read: `expired` after expires_at, `expiring` within the window before it, else `valid`.',
    ),
    file: certificateFile
      .nullable()
      .describe('The certificate file, or null before one is uploaded with `PUT …/file`.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Certification' });

export const certificateDownloadUrl = z
  .object({
    url: z.string().describe('A presigned GET; anyone holding it can download until it expires.'),
    expires_at: z.iso.datetime(),
  })
  .meta({ id: 'CertificateDownloadUrl' });

export const certificationIdParams = z.strictObject({
  id: z.string().regex(idPattern('certification'), 'Not a certification id'),
});

export type CreateCertificationBody = z.output<typeof createCertificationBody>;
export type UpdateCertificationBody = z.output<typeof updateCertificationBody>;
export type CertificationView = z.output<typeof certification>;
export type CertificateFileView = z.output<typeof certificateFile>;
