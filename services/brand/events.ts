import * as z from 'zod';
import { brand, domain, updateBrandBody } from '#services/brand/schemas';
import { defineEvent } from '#shared/events/catalogue';

const changedField = updateBrandBody.keyof().or(z.enum(['logo', 'favicon']));

/** The events of the trust center's brand and its domains. */
export const brandEvents = [
  defineEvent({
    type: 'brand.updated',
    summary: 'The brand changed; `changed` names the fields the request set (`logo`, `favicon` for uploads).',
    data: z.strictObject({ brand, changed: z.array(changedField) }),
  }),
  defineEvent({
    type: 'domain.added',
    summary: 'A custom domain was claimed; it is `pending` until its TXT record is found.',
    data: z.strictObject({ domain }),
  }),
  defineEvent({
    type: 'domain.verified',
    summary: 'A custom domain’s TXT record was found: the trust center now answers on it.',
    data: z.strictObject({ domain }),
  }),
  defineEvent({
    type: 'domain.removed',
    summary: 'A custom domain was given up; `domain` is how it was just before.',
    data: z.strictObject({ domain }),
  }),
];
