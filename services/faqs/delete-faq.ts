import { faqs, findFaq } from '#services/faqs/store';
import { toFaqView } from '#services/faqs/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { NotFoundError, PreconditionFailedError } from '#shared/http/errors';
import { checkIfMatch } from '#shared/http/etag';

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
  const { ReturnValues: _ignored, ...remove } = faqs
    .delete({ tenantId: identity.tenantId, faqId })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName }) as Record<string, unknown>;
  const event = domainEvent('faq.deleted', identity, { faq: toFaqView(current) }, now);
  try {
    await commitWithEvents([{ Delete: remove } as TransactItem], [event]);
  } catch (error) {
    if (error instanceof WriteConflict) throw new PreconditionFailedError();
    throw error;
  }
}
