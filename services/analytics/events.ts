import * as z from 'zod';
import { defineEvent } from '#shared/events/catalogue';

/** The device classes a user agent falls into; `other` for TVs, consoles and what no parser names. */
export const DEVICE_CLASSES = ['desktop', 'mobile', 'tablet', 'other'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** How a file reached the visitor: a public document's download, or a granted one (watermarked when restricted). */
export const DOWNLOAD_KINDS = ['public', 'granted'] as const;

const utcDay = z.iso.date().describe('The UTC day of the visit (YYYY-MM-DD).');

/**
 * Telemetry of the trust-center site (TELEMETRY_TYPE_PREFIX): recorded when a page or a file is served,
 * folded into per-day counters by the analytics consumer, never offered to webhooks or the audit log. They
 * carry no address and no user agent: only the visitor's daily pseudonym, which nothing links across days.
 */
export const analyticsEvents = [
  defineEvent({
    type: 'visit.page_viewed',
    summary: 'The site served a page to a visitor (not a bot).',
    webhook: false,
    data: z.strictObject({
      day: utcDay,
      page: z.string().describe("The page's route (`documents`, `overview`), never the URL with its query."),
      language: z.string(),
      referrer_domain: z
        .string()
        .nullable()
        .describe("The referring site's host; null when direct or internal."),
      country: z.string().describe('ISO 3166-1 alpha-2 from CloudFront-Viewer-Country, or `unknown`.'),
      device: z.enum(DEVICE_CLASSES),
      visitor: z
        .string()
        .describe(
          'HMAC-SHA256 of tenant, address and user agent under the day’s salt (discarded after the day).',
        ),
      document_id: z
        .string()
        .nullable()
        .describe('The document a page is about: the request form opened for one document (`?document=`).'),
    }),
  }),
  defineEvent({
    type: 'visit.document_downloaded',
    summary: "A document's file was served to a visitor: a public download or a granted (watermarked) one.",
    webhook: false,
    data: z.strictObject({
      day: utcDay,
      document_id: z.string(),
      kind: z.enum(DOWNLOAD_KINDS),
      account_id: z.string().nullable().describe("The customer account of the visitor's grant, if any."),
      access_request_id: z.string().nullable().describe('The access request behind the grant, if any.'),
    }),
  }),
];
