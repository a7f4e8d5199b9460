import type { DocumentContentType } from '#shared/files/sniff-content';

/** What an auditor's certificate comes as: a PDF or a scan. */
export const CERTIFICATE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
] as const satisfies readonly DocumentContentType[];

export type CertificateContentType = (typeof CERTIFICATE_CONTENT_TYPES)[number];
