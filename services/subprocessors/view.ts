import type { SUBPROCESSOR_TRANSLATED_FIELDS, SubprocessorView } from '#services/subprocessors/schemas';
import type { SubprocessorItem } from '#services/subprocessors/store';
import { translationsOf } from '#shared/translations';

export function toSubprocessorView(item: SubprocessorItem): SubprocessorView {
  return {
    id: item.subprocessorId,
    name: item.name,
    purpose: item.purpose,
    data_categories: [...item.dataCategories],
    location: item.location,
    website: item.website ?? null,
    status: item.status as SubprocessorView['status'],
    ...translationsOf<(typeof SUBPROCESSOR_TRANSLATED_FIELDS)[number]>(item.translations),
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
