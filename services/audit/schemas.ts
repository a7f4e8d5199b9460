import * as z from 'zod';
import { pageQuery } from '#shared/http/pagination';
import { singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';

/** An event type (`account.updated`) or every type of one resource (`account.*`). */
const ACTION_FILTER = /^[a-z][a-z_]*\.(\*|[a-z][a-z_]*)$/;

const instant = (description: string) =>
  z.iso
    .datetime({ offset: true })
    // Entries are keyed by `toISOString()` text, so bounds are compared in that same form.
    .transform((value) => new Date(value).toISOString())
    .optional()
    .describe(description);

export const listAuditLogsQuery = z
  .object({
    ...pageQuery,
    org_id: z
      .string()
      .regex(idPattern('organization'), 'Not an organization id')
      .optional()
      .describe('Platform operators: the organization whose log to read. Members may only name their own.'),
    actor_id: singleLine(200, { trim: false })
      .optional()
      .describe('Only entries by this actor (user, API key, …).'),
    action: z
      .string()
      .regex(ACTION_FILTER, 'Use an event type like account.updated, or account.* for every account event')
      .optional()
      .describe('An event type (`account.updated`) or a prefix (`account.*`).'),
    target_id: singleLine(200, { trim: false }).optional().describe('Only entries about this resource id.'),
    since: instant('Only entries at or after this time (ISO 8601).'),
    until: instant('Only entries at or before this time (ISO 8601).'),
  })
  .refine((query) => !query.since || !query.until || query.since <= query.until, {
    message: '`since` must not be after `until`',
    path: ['since'],
  });

const nullableText = z.string().nullable();

export const auditLog = z
  .object({
    id: z
      .string()
      .meta({ example: 'evt_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' })
      .describe('The id of the event recorded.'),
    tenant_id: z.string(),
    occurred_at: z.iso.datetime(),
    action: z.string().meta({ example: 'account.updated' }),
    actor: z.object({
      type: z.string().meta({ example: 'user' }),
      id: z.string(),
      credential: nullableText.describe(
        'The API key id when the actor used a key; `session` for a signed-in person or operator.',
      ),
      ip: nullableText,
      user_agent: nullableText,
    }),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    summary: z.object({
      description: z.string(),
      changed: z.array(z.string()).optional(),
      before: z.record(z.string(), z.unknown()).optional(),
      after: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'AuditLog' });

export type ListAuditLogsQuery = z.output<typeof listAuditLogsQuery>;
export type AuditLogView = z.output<typeof auditLog>;
