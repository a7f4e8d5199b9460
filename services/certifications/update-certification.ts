import type { UpdateCertificationBody } from '#services/certifications/schemas';
import { type CertificationItem, certifications, findCertification } from '#services/certifications/store';
import { toCertificationView } from '#services/certifications/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError, ValidationError } from '#shared/errors';
import { changedFields, domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';
import { compactTranslations } from '#shared/translations';

export async function updateCertification(
  identity: Identity,
  certificationId: string,
  changes: UpdateCertificationBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<CertificationItem> {
  const current = await findCertification(identity.tenantId, certificationId);
  if (!current) throw new NotFoundError('No such certification', 'id');
  checkIfMatch(ifMatch, current.version);

  const next: CertificationItem = {
    ...current,
    framework: changes.framework ?? current.framework,
    issuer: changes.issuer ?? current.issuer,
    issuedAt: changes.issued_at ?? current.issuedAt,
    expiresAt: changes.expires_at ?? current.expiresAt,
    description: changes.description === null ? undefined : (changes.description ?? current.description),
    translations:
      changes.translations === undefined ? current.translations : compactTranslations(changes.translations),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  // The dates are checked together, so name whichever one this request moved.
  if (next.expiresAt <= next.issuedAt) {
    const param = changes.expires_at === undefined ? 'issued_at' : 'expires_at';
    throw new ValidationError('expires_at must be after issued_at', param);
  }

  let patch = certifications.patch({ tenantId: identity.tenantId, certificationId }).set({
    framework: next.framework,
    issuer: next.issuer,
    issuedAt: next.issuedAt,
    expiresAt: next.expiresAt,
    updatedAt: next.updatedAt,
    version: next.version,
  });
  patch =
    next.description === undefined
      ? patch.remove(['description'])
      : patch.set({ description: next.description });
  patch =
    next.translations === undefined
      ? patch.remove(['translations'])
      : patch.set({ translations: next.translations });
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const event = domainEvent(
    'certification.updated',
    identity,
    { certification: toCertificationView(next), changed: changedFields(changes) },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  return next;
}
