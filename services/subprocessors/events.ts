import * as z from 'zod';
import { subprocessor } from '#services/subprocessors/schemas';
import { DISCLOSED_FIELDS } from '#services/subprocessors/subprocessor-changes';
import { defineEvent } from '#shared/events/catalogue';

/** Every subprocessor event carries what changed, field by field, and when it takes effect. */
const subprocessorChange = z.strictObject({
  subprocessor,
  changes: z.array(
    z.object({
      field: z.enum(DISCLOSED_FIELDS),
      before: z.unknown().describe('The value before; null when the subprocessor was added.'),
      after: z.unknown().describe('The value after; null when the subprocessor was removed.'),
    }),
  ),
  effective_date: z.iso.date().describe('When the change takes effect.'),
});

/** The events of the subprocessor list, from which customers are told of changes. */
export const subprocessorEvents = [
  defineEvent({
    type: 'subprocessor.added',
    summary: 'A subprocessor was added; every disclosed field is listed as changed from null.',
    data: subprocessorChange,
  }),
  defineEvent({
    type: 'subprocessor.updated',
    summary: 'A subprocessor changed; `changes` lists the disclosed fields that changed.',
    data: subprocessorChange,
  }),
  defineEvent({
    type: 'subprocessor.removed',
    summary: 'A subprocessor was removed; every disclosed field is listed as changed to null.',
    data: subprocessorChange,
  }),
];
