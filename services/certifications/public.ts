/**
 * What the certifications service offers other services (DESIGN.md, "Service boundaries"): the tenant's
 * certifications as a visitor sees them. Every other module of services/certifications/ is private.
 */
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
