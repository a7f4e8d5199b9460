import * as z from 'zod';
import { COUNTRY_CODES } from '#services/subprocessors/countries';
import { pageQuery } from '#shared/http/pagination';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { urlField } from '#shared/openapi/url-pattern';
import { translationsField } from '#shared/translations';

export const SUBPROCESSOR_STATUSES = ['active', 'planned', 'retired'] as const;
const status = z.enum(SUBPROCESSOR_STATUSES);

const countryCodes = [...COUNTRY_CODES] as [string, ...string[]];
// Lower case is still accepted and stored upper-cased; the published enum states the canonical form.
const location = z
  .string()
  .max(2)
  .toUpperCase()
  .pipe(z.enum(countryCodes, { error: 'Must be an ISO 3166-1 alpha-2 country code, such as DE or US' }))
  .meta({
    type: 'string',
    enum: countryCodes,
    description: 'ISO 3166-1 alpha-2 country code (lower case is accepted and stored upper-cased).',
    example: 'DE',
  });
/** The text of a subprocessor a visitor reads in their language; the name is a name. */
export const SUBPROCESSOR_TRANSLATED_FIELDS = ['purpose'] as const;
export const subprocessorTranslations = translationsField({ purpose: multiLine(1000) });
const website = urlField(['https'], 2000);
const dataCategories = z.array(singleLine(100)).max(50);
const effectiveDate = z.iso
  .date('Must be a date as YYYY-MM-DD')
  .optional()
  .describe('When the change takes effect, carried by its event; today (UTC) by default.');

export const createSubprocessorBody = z
  .strictObject({
    name: singleLine(200).meta({ example: 'Amazon Web Services' }),
    purpose: multiLine(1000),
    data_categories: dataCategories,
    location,
    website: website.optional(),
    status: status.default('active'),
    translations: subprocessorTranslations.optional(),
    effective_date: effectiveDate,
  })
  .meta({ id: 'CreateSubprocessorRequest' });

export const updateSubprocessorBody = z
  .strictObject({
    name: singleLine(200).optional(),
    purpose: multiLine(1000).optional(),
    data_categories: dataCategories.optional(),
    location: location.optional(),
    website: website.nullable().optional(),
    status: status.optional(),
    translations: subprocessorTranslations
      .optional()
      .describe(
        'Replaces every translation; a change of translations alone is not announced to subscribers.',
      ),
    effective_date: effectiveDate,
  })
  .refine((body) => Object.keys(body).some((field) => field !== 'effective_date'), {
    message: 'Provide at least one field to update',
  })
  .describe('At least one field to change besides `effective_date`, which only dates the change.')
  .meta({ id: 'UpdateSubprocessorRequest', minProperties: 1 });

export const listSubprocessorsQuery = z.object({
  ...pageQuery,
  status: status.optional().describe('Only subprocessors with this status.'),
});

export const deleteSubprocessorQuery = z.object({ effective_date: effectiveDate });

export const subprocessor = z
  .object({
    id: z.string().meta({ example: 'sub_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    name: z.string(),
    purpose: z.string(),
    data_categories: z.array(z.string()),
    location: z.string().describe('ISO 3166-1 alpha-2 country code.'),
    website: z.string().nullable(),
    status,
    translations: subprocessorTranslations.optional().describe('Absent when nothing is translated.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Subprocessor' });

export const subprocessorIdParams = z.strictObject({
  id: z.string().regex(idPattern('subprocessor'), 'Not a subprocessor id'),
});

export type CreateSubprocessorBody = z.output<typeof createSubprocessorBody>;
export type UpdateSubprocessorBody = z.output<typeof updateSubprocessorBody>;
export type SubprocessorView = z.output<typeof subprocessor>;
