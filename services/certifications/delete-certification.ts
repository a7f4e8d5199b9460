import { storageUsageChange } from '#services/billing/public';
import { certificateObjectKey } from '#services/certifications/certificate-files';
import { certifications, findCertification } from '#services/certifications/store';
import { toCertificationView } from '#services/certifications/view';
import type { Identity } from '#shared/auth/identity';
import { removeObjects } from '#shared/aws/objects';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

/**
 * Deletes the certification, then its file. The object goes only after the commit: a refused delete (412)
 * must leave the file in place, and an object orphaned by an S3 failure is unreachable, not broken.
 */
export async function deleteCertification(
  identity: Identity,
  certificationId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findCertification(identity.tenantId, certificationId);
  if (!current) throw new NotFoundError('No such certification', 'id');
  checkIfMatch(ifMatch, current.version);

  // Only the version that was read is deleted, so the event describes what actually went away.
  const remove = asDelete(
    certifications
      .delete({ tenantId: identity.tenantId, certificationId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  const event = domainEvent(
    'certification.deleted',
    identity,
    { certification: toCertificationView(current) },
    now,
  );
  const storedSize = current.file?.size ?? 0;
  await commitIfCurrent([remove, storageUsageChange(identity.tenantId, -storedSize)], [event]);
  if (current.file) {
    await removeObjects([certificateObjectKey(identity.tenantId, certificationId, current.file.fileId)]);
  }
}
