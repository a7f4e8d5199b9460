import type { UpdateFaqBody } from '#services/faqs/schemas';
import { type FaqItem, faqs, findFaq } from '#services/faqs/store';
import { toFaqView } from '#services/faqs/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { changedFields, domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export async function updateFaq(
  identity: Identity,
  faqId: string,
  changes: UpdateFaqBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<FaqItem> {
  const current = await findFaq(identity.tenantId, faqId);
  if (!current) throw new NotFoundError('No such FAQ', 'id');
  checkIfMatch(ifMatch, current.version);

  const next: FaqItem = {
    ...current,
    question: changes.question ?? current.question,
    answer: changes.answer ?? current.answer,
    category: changes.category === null ? undefined : (changes.category ?? current.category),
    language: changes.language ?? current.language,
    published: changes.published ?? current.published,
    position: changes.position ?? current.position,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  let patch = faqs.patch({ tenantId: identity.tenantId, faqId }).set({
    question: next.question,
    answer: next.answer,
    language: next.language,
    published: next.published,
    // Setting the position also rewrites the ordering key of gsi1.
    position: next.position,
    updatedAt: next.updatedAt,
    version: next.version,
  });
  patch = next.category === undefined ? patch.remove(['category']) : patch.set({ category: next.category });
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const event = domainEvent(
    'faq.updated',
    identity,
    { faq: toFaqView(next), changed: changedFields(changes) },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  return next;
}
