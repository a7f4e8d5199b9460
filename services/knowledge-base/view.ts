import type { EntryView } from '#services/knowledge-base/schemas';
import type { EntryItem } from '#services/knowledge-base/store';

export function toEntryView(item: EntryItem): EntryView {
  return {
    id: item.entryId,
    question: item.question,
    answer: item.answer,
    tags: item.tags,
    language: item.language,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
