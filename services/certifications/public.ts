/**
 * What the certifications service offers other services (DESIGN.md, "Service boundaries"): the tenant's
 * certifications as a visitor sees them. Every other module of services/certifications/ is private.
 */
import {
  type CertificationStatus,
  calendarDate,
  certificationStatus,
  DEFAULT_EXPIRING_WITHIN_DAYS,
} from '#services/certifications/certification-status';
import type { CertificationView } from '#services/certifications/schemas';
import { certifications } from '#services/certifications/store';
import { toCertificationView } from '#services/certifications/view';
import { config } from '#shared/config';

export {
  CERTIFICATION_TRANSLATED_FIELDS,
  type CertificationView,
  certificationStatus as certificationStatusSchema,
} from '#services/certifications/schemas';

/**
 * Every certification of the tenant with its status on `today` (a certification has no draft state: an
 * expired one is shown as `expired`), newest first.
 */
export async function allCertifications(tenantId: string, now = new Date()): Promise<CertificationView[]> {
  const { data } = await certifications.query
    .byId({ tenantId })
    .go({ table: config.tableName, pages: 'all', order: 'desc' });
  return data.map((item) => toCertificationView(item, { today: now.toISOString().slice(0, 10) }));
}

/**
 * A certification's status at `now` (UTC day) from its expiry date (`YYYY-MM-DD`), by the rule its views
 * use (certification-status.ts, the default 60-day `expiring` window): for a reader holding a certification
 * read earlier, such as a published snapshot, whose status must follow the calendar.
 */
export function certificationStatusOn(expiresAt: string, now: Date): CertificationStatus {
  return certificationStatus(expiresAt, calendarDate(now), DEFAULT_EXPIRING_WITHIN_DAYS);
}
