import * as z from 'zod';
import { certificateFile, certification, updateCertificationBody } from '#services/certifications/schemas';
import { defineEvent } from '#shared/events/catalogue';

/** The events of compliance certifications and their certificate files. */
export const certificationEvents = [
  defineEvent({
    type: 'certification.created',
    summary: 'A certification was added.',
    data: z.strictObject({ certification }),
  }),
  defineEvent({
    type: 'certification.updated',
    summary: 'A certification was changed; `changed` names the fields the request set.',
    data: z.strictObject({ certification, changed: z.array(updateCertificationBody.keyof()) }),
  }),
  defineEvent({
    type: 'certification.deleted',
    summary: 'A certification was deleted; `certification` is how it was just before.',
    data: z.strictObject({ certification }),
  }),
  defineEvent({
    type: 'certification.file_uploaded',
    summary: 'A certificate file was uploaded; `replaced` tells whether it took the place of an earlier one.',
    data: z.strictObject({ certification, file: certificateFile, replaced: z.boolean() }),
  }),
  defineEvent({
    type: 'certification.expiring',
    summary:
      'A renewal reminder from the scheduled job: sent once per certification, expiry date and offset (90, 60, 30, 14, 7 and 1 days before, and on the day). `days_until_expiry` is below `reminder_offset_days` only when the job caught up on missed days.',
    data: z.strictObject({
      certification,
      days_until_expiry: z.number().int().nonnegative(),
      reminder_offset_days: z.number().int().nonnegative(),
      expires_at: z.iso.date(),
    }),
  }),
];
