import type { FaqView } from '#services/faqs/schemas';
import type { FaqItem } from '#services/faqs/store';

export function toFaqView(item: FaqItem): FaqView {
  return {
    id: item.faqId,
    question: item.question,
    answer: item.answer,
    category: item.category ?? null,
    language: item.language as FaqView['language'],
    published: item.published,
    position: item.position,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
