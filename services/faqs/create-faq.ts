import { type CreateFaqBody, MAX_FAQ_POSITION } from '#services/faqs/schemas';
import { type FaqItem, faqs, lastFaqPosition } from '#services/faqs/store';
import { toFaqView } from '#services/faqs/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/** The brand service (and the SDK clients it brings) is loaded by a creation that names no language only. */
const defaultLanguageOf = async (tenantId: string) =>
  (await import('#services/brand/public')).defaultLanguageOf(tenantId);

export async function createFaq(identity: Identity, body: CreateFaqBody, now = new Date()): Promise<FaqItem> {
  const timestamp = now.toISOString();
  // New FAQs go last; two created at once may share a position, and then creation order decides.
  const last = body.position === undefined ? await lastFaqPosition(identity.tenantId) : null;
  const position = body.position ?? Math.min(last === null ? 0 : last + 1, MAX_FAQ_POSITION);
  const item: FaqItem = {
    tenantId: identity.tenantId,
    faqId: newId('faq'),
    question: body.question,
    answer: body.answer,
    category: body.category,
    language: body.language ?? (await defaultLanguageOf(identity.tenantId)),
    published: body.published,
    position,
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = faqs.create(item).params({ table: config.tableName });
  await commitWithEvents([asPut(put)], [domainEvent('faq.created', identity, { faq: toFaqView(item) }, now)]);
  return item;
}
