import {
  calendarDate,
  certificationStatus,
  DEFAULT_EXPIRING_WITHIN_DAYS,
} from '#services/certifications/certification-status';
import type { CertificationView } from '#services/certifications/schemas';
import type { CertificationItem } from '#services/certifications/store';

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
    status: certificationStatus(
      item.expiresAt,
      reading.today ?? calendarDate(new Date()),
      reading.windowDays ?? DEFAULT_EXPIRING_WITHIN_DAYS,
    ),
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
