import * as z from 'zod';
import { CHANNELS } from '#services/notifications/schemas';
import { EMAIL_LANGUAGES } from '#services/notifications/templates';
import { defineEvent } from '#shared/events/catalogue';

const language = z.enum(EMAIL_LANGUAGES);

/** The events of notification settings and subprocessor change notices. None carries an address, URL or token. */
export const notificationEvents = [
  defineEvent({
    type: 'notification_settings.updated',
    summary:
      'The notification settings changed: which channels are set up (never their addresses) and the rules.',
    data: z.strictObject({
      settings: z.strictObject({
        channels: z.strictObject({
          email: z.strictObject({ recipients: z.number().int().describe('How many.'), language }),
          slack: z.strictObject({ configured: z.boolean() }),
          teams: z.strictObject({ configured: z.boolean() }),
        }),
        rules: z.array(z.strictObject({ event: z.string(), channels: z.array(z.enum(CHANNELS)) })),
        objection_window_days: z.number().int(),
      }),
    }),
  }),
  defineEvent({
    type: 'subprocessor_subscription.requested',
    summary:
      'A visitor asked to be told of subprocessor changes; the subscription waits for its confirmation.',
    webhook: false,
    data: z.strictObject({ subscription: z.strictObject({ id: z.string(), language }) }),
  }),
  defineEvent({
    type: 'subprocessor_subscription.confirmed',
    summary: 'A visitor confirmed their subscription to subprocessor changes (double opt-in).',
    data: z.strictObject({
      subscription: z.strictObject({ id: z.string(), language, confirmed_at: z.iso.datetime() }),
    }),
  }),
  defineEvent({
    type: 'subprocessor_subscription.cancelled',
    summary: 'A subscriber unsubscribed from subprocessor change notices; their address was deleted.',
    data: z.strictObject({ subscription: z.strictObject({ id: z.string() }) }),
  }),
  defineEvent({
    type: 'subprocessor_notice.due',
    summary:
      'A batch of subprocessor changes is old enough to be sent (emitted by the subprocessor-notices job).',
    webhook: false,
    data: z.strictObject({ batch_id: z.string(), first_pending_at: z.iso.datetime() }),
  }),
  defineEvent({
    type: 'subprocessor_notice.created',
    summary:
      'A subprocessor change notice was made from the pending changes and is being mailed to subscribers.',
    data: z.strictObject({
      notice: z.strictObject({
        id: z.string(),
        change_count: z.number().int(),
        subprocessor_ids: z.array(z.string()),
        objection_window_days: z.number().int(),
        objection_deadline: z.iso.date(),
      }),
    }),
  }),
];
