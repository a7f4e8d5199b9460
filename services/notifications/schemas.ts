import * as z from 'zod';
import { DEFAULT_EMAIL_LANGUAGE, EMAIL_LANGUAGES } from '#services/notifications/templates';
import { deprecatedOrgId } from '#shared/http/deprecated-org-id';
import { pageQuery } from '#shared/http/pagination';
import { proofOfWorkBody } from '#shared/http/proof-of-work';
import { singleLine } from '#shared/http/text-fields';
import { urlField } from '#shared/openapi/url-pattern';

export const CHANNELS = ['email', 'slack', 'teams'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DEFAULT_OBJECTION_WINDOW_DAYS = 30;

const language = z.enum(EMAIL_LANGUAGES);
const email = z.email().max(254).toLowerCase();

/** An event type (`access_request.created`), every type of a resource (`access_request.*`), or `*`. */
const eventPattern = z
  .string()
  .max(100)
  .regex(
    /^(\*|[a-z][a-z_]*\.\*|[a-z][a-z_]*\.[a-z][a-z_]*)$/,
    'Must be an event type (resource.action), a prefix such as access_request.*, or *',
  )
  .meta({ example: 'access_request.*' });

const webhookUrl = urlField(['https', 'http'], 2000).describe(
  'The incoming-webhook URL. Reads return it masked; sending the masked value back keeps the stored URL. ' +
    'A deployment accepts https only, to a public address; http and private addresses are accepted by a ' +
    'local platform only.',
);

const incomingWebhook = z.strictObject({ webhook_url: webhookUrl.nullable() });

export const notificationSettingsBody = z
  .strictObject({
    channels: z.strictObject({
      email: z
        .strictObject({
          recipients: z.array(email).max(50).default([]),
          language: language
            .default(DEFAULT_EMAIL_LANGUAGE)
            .describe('Language of mail to recipients who are not members with a language of their own.'),
        })
        .default({ recipients: [], language: DEFAULT_EMAIL_LANGUAGE }),
      slack: incomingWebhook.optional(),
      teams: incomingWebhook.optional(),
    }),
    rules: z
      .array(
        z.strictObject({
          event: eventPattern,
          channels: z.array(z.enum(CHANNELS)).min(1).max(3),
        }),
      )
      .max(100)
      .default([])
      .describe(
        'Which events go to which channels. A rule may only send to a configured channel: `email` needs ' +
          'at least one recipient, `slack` and `teams` a webhook_url.',
      ),
    subprocessor_notices: z
      .strictObject({
        objection_window_days: z
          .number()
          .int()
          .min(1)
          .max(365)
          .describe('How long customers may object to a subprocessor change, stated in every notice.'),
      })
      .optional(),
  })
  .meta({ id: 'NotificationSettingsRequest' });

const maskedWebhook = z.strictObject({
  webhook_url: z.string().nullable().describe('Masked: the origin and the last four characters.'),
});

export const notificationSettings = z
  .object({
    channels: z.object({
      email: z.object({ recipients: z.array(z.string()), language }),
      slack: maskedWebhook,
      teams: maskedWebhook,
    }),
    rules: z.array(z.object({ event: z.string(), channels: z.array(z.enum(CHANNELS)) })),
    subprocessor_notices: z.object({ objection_window_days: z.number().int() }),
    updated_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'NotificationSettings' });

export const notificationTestResult = z
  .object({
    results: z.array(
      z.object({
        channel: z.enum(CHANNELS),
        status: z.enum(['sent', 'failed', 'not_configured']),
        detail: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'NotificationTestResult' });

export const subscribeBody = z
  .strictObject({
    email,
    org_id: deprecatedOrgId(),
    language: language
      .optional()
      .describe(
        "Language of the confirmation and the notices, and of the pages their links open (the site sends its page's); the trust center's default language when absent.",
      ),
    pow: proofOfWorkBody,
  })
  .meta({ id: 'SubprocessorSubscriptionRequest' });

export const subscriptionTokenBody = z
  .strictObject({ token: singleLine(512, { min: 16, trim: false }) })
  .meta({ id: 'SubprocessorSubscriptionToken' });

export const subscriptionAccepted = z
  .object({ status: z.enum(['pending', 'confirmed', 'unsubscribed']), message: z.string() })
  .meta({ id: 'SubprocessorSubscriptionStatus' });

export const subscription = z
  .object({
    id: z.string().meta({ example: 'sps_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    email: z.string(),
    language,
    confirmed_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'SubprocessorSubscription' });

export const listSubscriptionsQuery = z.object({ ...pageQuery });

export type NotificationSettingsBody = z.output<typeof notificationSettingsBody>;
export type NotificationSettingsView = z.output<typeof notificationSettings>;
export type SubscribeBody = z.output<typeof subscribeBody>;
export type SubscriptionView = z.output<typeof subscription>;
