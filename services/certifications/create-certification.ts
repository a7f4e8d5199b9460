import type { CreateCertificationBody } from '#services/certifications/schemas';
import { type CertificationItem, certifications } from '#services/certifications/store';
import { toCertificationView } from '#services/certifications/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import { compactTranslations } from '#shared/translations';

export async function createCertification(
  identity: Identity,
  body: CreateCertificationBody,
  now = new Date(),
): Promise<CertificationItem> {
  const timestamp = now.toISOString();
  const item: CertificationItem = {
    tenantId: identity.tenantId,
    certificationId: newId('certification'),
    framework: body.framework,
    issuer: body.issuer,
    issuedAt: body.issued_at,
    expiresAt: body.expires_at,
    description: body.description,
    translations: compactTranslations(body.translations),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = certifications.create(item).params({ table: config.tableName });
  await commitWithEvents(
    [asPut(put)],
    [domainEvent('certification.created', identity, { certification: toCertificationView(item) }, now)],
  );
  return item;
}
