import {
  calendarDate,
  certificationStatus,
  DEFAULT_EXPIRING_WITHIN_DAYS,
} from '#services/certifications/certification-status';
import type {
  CERTIFICATION_TRANSLATED_FIELDS,
  CertificateFileView,
  CertificationView,
} from '#services/certifications/schemas';
import type { CertificateFile, CertificationItem } from '#services/certifications/store';
import { translationsOf } from '#shared/translations';

export function toCertificateFileView(file: CertificateFile): CertificateFileView {
  return {
    content_type: file.contentType as CertificateFileView['content_type'],
    size_bytes: file.size,
    sha256: file.sha256,
    uploaded_at: file.uploadedAt,
  };
}

export function toCertificationView(
  item: CertificationItem,
  reading: { today?: string; windowDays?: number } = {},
): CertificationView {
  return {
    id: item.certificationId,
    framework: item.framework,
    issuer: item.issuer,
    issued_at: item.issuedAt,
    expires_at: item.expiresAt,
    description: item.description ?? null,
    ...translationsOf<(typeof CERTIFICATION_TRANSLATED_FIELDS)[number]>(item.translations),
    status: certificationStatus(
      item.expiresAt,
      reading.today ?? calendarDate(new Date()),
      reading.windowDays ?? DEFAULT_EXPIRING_WITHIN_DAYS,
    ),
    file: item.file ? toCertificateFileView(item.file) : null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
