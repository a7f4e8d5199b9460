import * as z from 'zod';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { ROLE_NAMES, type Role } from '#shared/auth/scopes';

/**
 * Seed 2's webhook fields: the flat members a consumer written against seed 2 reads in `data`, added beside the
 * event's own (richer) data on every webhook delivery, never instead of it. Seed 2 shows one payload,
 * `account.created` with `data: {account_id: "acc_123", name: "Acme Corporation", status: "active"}`, and names
 * four more events (document uploaded, access granted, certification updated, user invited). Each of those gets
 * the same kind of fields, by one rule:
 * - `<subject>_id`: the id of the thing the event is about (`account_id`, `document_id`, `grant_id`,
 *   `certification_id`, `invitation_id`);
 * - `name`: its display name where it has one (an account's or a document's `title`, a certification's
 *   `framework`); a grant and an invitation have none, so they carry the `email` they are for;
 * - `status`: its state after the change, in the words the API already uses for it;
 * - a few fields the event is about in seed 1's or seed 4's own naming (`title`, `access_level`, `document_ids`,
 *   `expires_at`, `role`).
 * The OpenAPI webhooks section publishes them (webhookPayloadSchema); the dispatcher adds them
 * (services/webhooks/payload.ts). Each mapping reads the event data through `reads`, a schema of only the members
 * it uses, so this module needs no service; test/unit/webhooks/seed-webhook-fields.test.ts proves each catalogue
 * data schema satisfies its `reads`.
 */
export interface SeedWebhookFields<R extends z.ZodType = z.ZodType, F extends z.ZodObject = z.ZodObject> {
  /** The members of the event's data the fields are made from. */
  reads: R;
  /** The published schema of the seed 2 fields. */
  fields: F;
  /** The fields of one event, from its data as `reads` parsed it. */
  from(data: z.output<R>): z.output<F>;
}

function seedFields<R extends z.ZodType, F extends z.ZodObject>(
  mapping: SeedWebhookFields<R, F>,
): SeedWebhookFields<R, F> {
  return mapping;
}

const titled = (what: string) => z.string().describe(`Seed 2: the ${what}'s display name (its \`title\`).`);

/** Certification statuses as services/certifications/certification-status.ts computes them (type-checked in tests). */
const CERTIFICATION_STATUSES = ['valid', 'expiring', 'expired'] as const;

/** Seed 2's fields per event type it names. Keys are catalogue event types. */
export const SEED_WEBHOOK_FIELDS = {
  'account.created': seedFields({
    reads: z.object({ account: z.object({ id: z.string(), title: z.string() }) }),
    fields: z.object({
      account_id: z.string().describe('Seed 2: the account id (`acc_…`), as `account.id`.'),
      name: titled('account'),
      status: z
        .literal('active')
        .describe('Seed 2: always `active`: an account has no other lifecycle state.'),
    }),
    from: ({ account }) => ({ account_id: account.id, name: account.title, status: 'active' as const }),
  }),
  'document.uploaded': seedFields({
    reads: z.object({
      document: z.object({ id: z.string(), title: z.string(), access_level: z.enum(ACCESS_LEVELS) }),
    }),
    fields: z.object({
      document_id: z.string().describe('Seed 2: the document id (`doc_…`), as `document.id`.'),
      name: titled('document'),
      title: z.string().describe("The document's title (seed 1's name for it), the same as `name`."),
      access_level: z
        .enum(ACCESS_LEVELS)
        .describe('Who may download it (seed 1): `public`, `restricted` or `requires_nda`.'),
      status: z
        .literal('available')
        .describe(
          'Seed 2: `available`: the new file is the current one and downloadable per `access_level`.',
        ),
    }),
    from: ({ document }) => ({
      document_id: document.id,
      name: document.title,
      title: document.title,
      access_level: document.access_level,
      status: 'available' as const,
    }),
  }),
  'access.granted': seedFields({
    reads: z.object({
      grant: z.object({
        id: z.string(),
        email: z.string(),
        document_ids: z.array(z.string()),
        expires_at: z.string(),
        revoked_at: z.string().nullable(),
      }),
      account: z.object({ id: z.string() }).optional(),
    }),
    fields: z.object({
      grant_id: z.string().describe('Seed 2: the grant id (`grt_…`), as `grant.id`.'),
      email: z.string().describe('Whom the documents were granted to (the visitor who asked).'),
      document_ids: z.array(z.string()).describe('The documents granted.'),
      account_id: z
        .string()
        .nullable()
        .describe("The customer account whose email domain matched the visitor's, or null."),
      expires_at: z.iso.datetime().describe('When the grant ends (ISO 8601 UTC).'),
      status: z
        .enum(['active', 'revoked'])
        .describe('Seed 2: `active` until an admin revokes the grant or it expires.'),
    }),
    from: ({ grant, account }) => ({
      grant_id: grant.id,
      email: grant.email,
      document_ids: grant.document_ids,
      account_id: account?.id ?? null,
      expires_at: grant.expires_at,
      status: grant.revoked_at === null ? ('active' as const) : ('revoked' as const),
    }),
  }),
  'certification.updated': seedFields({
    reads: z.object({
      certification: z.object({
        id: z.string(),
        framework: z.string(),
        status: z.enum(CERTIFICATION_STATUSES),
        expires_at: z.string(),
      }),
    }),
    fields: z.object({
      certification_id: z
        .string()
        .describe('Seed 2: the certification id (`cert_…`), as `certification.id`.'),
      name: z
        .string()
        .describe("Seed 2: the certification's display name (its `framework`, e.g. `ISO 27001`)."),
      status: z
        .enum(CERTIFICATION_STATUSES)
        .describe('Seed 2: `valid`, `expiring` (within the reminder window) or `expired`, as of the change.'),
      expires_at: z.iso.date().describe('The day the certification expires (ISO 8601 date).'),
    }),
    from: ({ certification }) => ({
      certification_id: certification.id,
      name: certification.framework,
      status: certification.status,
      expires_at: certification.expires_at,
    }),
  }),
  'user.invited': seedFields({
    reads: z.object({
      invitation: z.object({
        id: z.string(),
        email: z.string(),
        role: z.enum(ROLE_NAMES as [Role, ...Role[]]),
      }),
    }),
    fields: z.object({
      invitation_id: z.string().describe('Seed 2: the invitation id (`inv_…`), as `invitation.id`.'),
      email: z.string().describe('Whom the invitation was sent to.'),
      role: z
        .enum(ROLE_NAMES as [Role, ...Role[]])
        .describe('The role the invitee gets on joining (seed 4).'),
      status: z
        .literal('pending_invite')
        .describe("Seed 2: `pending_invite` (seed 4's member status) until the invitee joins."),
    }),
    from: ({ invitation }) => ({
      invitation_id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: 'pending_invite' as const,
    }),
  }),
} as const satisfies Record<string, SeedWebhookFields>;

/** The event types seed 2 names, in its order. */
export type SeedWebhookEventType = keyof typeof SEED_WEBHOOK_FIELDS;
export const SEED_WEBHOOK_EVENT_TYPES = Object.keys(SEED_WEBHOOK_FIELDS) as SeedWebhookEventType[];

/** The seed 2 fields' mapping of one event type, or undefined for a type seed 2 does not name. */
export function seedWebhookMapping(type: string): SeedWebhookFields | undefined {
  return Object.hasOwn(SEED_WEBHOOK_FIELDS, type)
    ? (SEED_WEBHOOK_FIELDS[type as SeedWebhookEventType] as unknown as SeedWebhookFields)
    : undefined;
}

/** An event's data did not have what its seed 2 fields are made from: its schema changed under the mapping. */
export class SeedWebhookFieldsMismatch extends Error {
  override name = 'SeedWebhookFieldsMismatch';
}

/**
 * Seed 2's fields of one event (`{}` for a type seed 2 does not name), from its `data` as the catalogue defines
 * it. Throws SeedWebhookFieldsMismatch when the data lacks what the mapping reads.
 */
export function seedWebhookFields(type: string, data: unknown): Record<string, unknown> {
  const mapping = seedWebhookMapping(type);
  if (!mapping) return {};
  const read = mapping.reads.safeParse(data);
  if (!read.success)
    throw new SeedWebhookFieldsMismatch(`${type} data lacks its seed 2 fields' sources`, {
      cause: read.error,
    });
  return mapping.from(read.data);
}

/**
 * The published `data` of one event type: its catalogue schema with seed 2's fields beside its own members
 * (the schema unchanged for a type seed 2 does not name).
 */
export function webhookDataSchema(type: string, data: z.ZodType): z.ZodType {
  const mapping = seedWebhookMapping(type);
  if (!mapping) return data;
  return data instanceof z.ZodObject
    ? data.extend(mapping.fields.shape)
    : z.intersection(data, mapping.fields);
}
