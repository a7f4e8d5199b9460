import { faqs, findFaq } from '#services/faqs/store';
import { toFaqView } from '#services/faqs/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function deleteFaq(
  identity: Identity,
  faqId: string,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<void> {
  const current = await findFaq(identity.tenantId, faqId);
  if (!current) throw new NotFoundError('No such FAQ', 'id');
  checkIfMatch(ifMatch, current.version);

  // Only the version that was read is deleted, so the event describes what actually went away.
  const remove = asDelete(
    faqs
      .delete({ tenantId: identity.tenantId, faqId })
      .where(({ version }, { eq }) => eq(version, current.version))
      .params({ table: config.tableName }),
  );
  const event = domainEvent('faq.deleted', identity, { faq: toFaqView(current) }, now);
  await commitIfCurrent([remove], [event]);
}
