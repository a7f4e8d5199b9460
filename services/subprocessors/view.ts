import type { SubprocessorView } from '#services/subprocessors/schemas';
import type { SubprocessorItem } from '#services/subprocessors/store';

export function toSubprocessorView(item: SubprocessorItem): SubprocessorView {
  return {
    id: item.subprocessorId,
    name: item.name,
    purpose: item.purpose,
    data_categories: [...item.dataCategories],
    location: item.location,
    website: item.website ?? null,
    status: item.status as SubprocessorView['status'],
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
