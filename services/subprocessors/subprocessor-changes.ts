import type { SubprocessorView } from '#services/subprocessors/schemas';

/** The disclosed fields whose changes customers are told about (ids and timestamps are not news). */
export const DISCLOSED_FIELDS = [
  'name',
  'purpose',
  'data_categories',
  'location',
  'website',
  'status',
] as const satisfies readonly (keyof SubprocessorView)[];

export interface SubprocessorChange {
  field: (typeof DISCLOSED_FIELDS)[number];
  before: unknown;
  after: unknown;
}

/**
 * What changed between two states of a subprocessor, field by field; `null` on one side means it was
 * added or removed, so an addition lists every field with `before: null` and a removal `after: null`.
 */
export function subprocessorChanges(
  before: SubprocessorView | null,
  after: SubprocessorView | null,
): SubprocessorChange[] {
  return DISCLOSED_FIELDS.flatMap((field) => {
    const from = before === null ? null : before[field];
    const to = after === null ? null : after[field];
    return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ field, before: from, after: to }];
  });
}

/** The event data of every subprocessor change: the subprocessor, what changed, and when it takes effect. */
export function subprocessorChangeData(
  subprocessor: SubprocessorView,
  changes: SubprocessorChange[],
  effectiveDate: string,
) {
  return { subprocessor, changes, effective_date: effectiveDate };
}
