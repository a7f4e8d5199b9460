import * as z from 'zod';
import { updateCurrentUserBody } from '#services/identity/people-schemas';
import { ROLE_NAMES, type Role } from '#shared/auth/scopes';
import { defineEvent } from '#shared/events/catalogue';

const role = z.enum(ROLE_NAMES as [Role, ...Role[]]);
const invitation = z.object({ id: z.string(), email: z.string(), role });
const member = z.object({ id: z.string(), email: z.string(), role });

/**
 * A stored member's or invitation's role, as event data: the table keeps it as a string, the catalogue
 * publishes the enum. Parsed, not cast, so a role the API never validated fails loudly here.
 */
export const storedRole = (stored: string): Role => role.parse(stored);

/** The events of organizations, their people and their API keys. */
export const identityEvents = [
  defineEvent({
    type: 'organization.created',
    summary: 'A platform operator created an organization (tenant) on a plan.',
    data: z.strictObject({
      organization: z.object({ id: z.string(), name: z.string(), plan: z.string() }),
    }),
  }),
  defineEvent({
    type: 'organization.updated',
    summary: "The organization's details or settings changed; `changed` names the fields.",
    data: z.strictObject({
      organization: z.object({ id: z.string(), name: z.string() }),
      changed: z.array(z.enum(['name', 'description', 'website', 'timezone', 'ip_allowlist'])),
    }),
  }),
  defineEvent({
    type: 'organization.deleted',
    summary:
      'The organization was deleted by its owner or an operator: every credential is refused from now on, and its data is purged at `purge_after` unless an operator restores it.',
    data: z.strictObject({
      organization: z.object({ id: z.string(), name: z.string() }),
      purge_after: z.iso.datetime(),
    }),
  }),
  defineEvent({
    type: 'organization.restored',
    summary: 'A platform operator restored an organization pending deletion; its credentials work again.',
    data: z.strictObject({ organization: z.object({ id: z.string(), name: z.string() }) }),
  }),
  defineEvent({
    type: 'organization.purged',
    summary:
      'The purge job removed everything of an organization past its grace period. Recorded in the platform’s log (the organization has no log left), with what was removed.',
    data: z.strictObject({
      organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
      removed: z.object({
        items: z.number().int().describe('DynamoDB items of the organization.'),
        objects: z.number().int().describe('Stored files (S3 objects) under the organization’s prefix.'),
        people: z.number().int().describe('Sign-ins (Cognito users) of its members.'),
        usage_keys: z.number().int().describe('API Gateway usage keys of its API keys and sessions.'),
        distribution_tenants: z
          .number()
          .int()
          .describe('CloudFront distribution tenants of its custom domains, disabled (AWS only).'),
      }),
    }),
    webhook: false,
  }),
  defineEvent({
    type: 'organization.export_requested',
    summary:
      'An owner or an operator asked for an export of everything of the organization; the archive is built from this event.',
    data: z.strictObject({
      organization: z.object({ id: z.string(), name: z.string() }),
      export: z.object({ id: z.string() }),
    }),
  }),
  defineEvent({
    type: 'organization.exported',
    summary:
      'The export archive is stored: the JSON of every resource of the organization and every stored file (no secret).',
    data: z.strictObject({
      organization: z.object({ id: z.string(), name: z.string() }),
      export: z.object({
        id: z.string(),
        size_bytes: z.number().int().describe('The archive’s size.'),
        counts: z
          .record(z.string(), z.number().int())
          .describe('Records per resource kind, and `files`: stored files.'),
      }),
    }),
  }),
  defineEvent({
    type: 'user.invited',
    summary: 'Someone was invited to join the organization with a role.',
    data: z.strictObject({ invitation }),
  }),
  defineEvent({
    type: 'invitation.resent',
    summary: 'A pending invitation was sent again with a new link and expiry.',
    data: z.strictObject({ invitation: invitation.extend({ expires_at: z.iso.datetime() }) }),
  }),
  defineEvent({
    type: 'invitation.revoked',
    summary: 'A pending invitation was withdrawn.',
    data: z.strictObject({ invitation }),
  }),
  defineEvent({
    type: 'user.joined',
    summary: 'A person became a member of the organization (accepted invitation or first owner).',
    data: z.strictObject({ user: member }),
  }),
  defineEvent({
    type: 'user.updated',
    summary: 'A person changed their own profile; `changed` names the fields that changed.',
    data: z.strictObject({
      user: z.object({ id: z.string() }),
      changed: z.array(updateCurrentUserBody.keyof()),
    }),
  }),
  defineEvent({
    type: 'user.role_changed',
    summary: "A member's role changed.",
    data: z.strictObject({
      user: z.object({ id: z.string(), email: z.string() }),
      previous_role: role,
      role,
    }),
  }),
  defineEvent({
    type: 'user.removed',
    summary: 'A member was removed from the organization.',
    data: z.strictObject({ user: member }),
  }),
  defineEvent({
    type: 'api_key.created',
    summary: 'An API key was created; the event carries its display prefix, never the secret.',
    data: z.strictObject({
      api_key: z.object({
        id: z.string(),
        name: z.string(),
        prefix: z.string(),
        scopes: z.array(z.string()),
        expires_at: z.iso.datetime().nullable(),
      }),
    }),
  }),
  defineEvent({
    type: 'api_key.revoked',
    summary: 'An API key was revoked.',
    data: z.strictObject({ api_key: z.object({ id: z.string(), prefix: z.string() }) }),
  }),
  defineEvent({
    type: 'api_key.expiring',
    summary:
      'An API key expires in 30, 7 or 1 days (`days_before`; `days_left` is exact, smaller when the key was made with less time left). Sent once per key and warning by a daily job.',
    data: z.strictObject({
      api_key: z.object({
        id: z.string(),
        name: z.string(),
        prefix: z.string(),
        expires_at: z.iso.datetime(),
      }),
      days_before: z.union([z.literal(30), z.literal(7), z.literal(1)]),
      days_left: z.number().int().min(0),
    }),
  }),
  defineEvent({
    type: 'api_key.rotated',
    summary: 'An API key got a new secret; the old one keeps working for an overlap window.',
    data: z.strictObject({ api_key: z.object({ id: z.string(), prefix: z.string() }) }),
  }),
  // Sign-ins are recorded for the audit log only; the actor carries the request's IP and user agent.
  defineEvent({
    type: 'auth.login_succeeded',
    summary: 'A person or platform operator signed in with email and password.',
    data: z.strictObject({ user: z.object({ id: z.string(), email: z.string() }) }),
    webhook: false,
  }),
  defineEvent({
    type: 'auth.login_failed',
    summary:
      'A sign-in with email and password was refused; recorded in each organization the email belongs to, ' +
      'or in the platform log (`user.id` null) when it belongs to none. The password is never recorded.',
    data: z.strictObject({
      user: z.object({ id: z.string().nullable(), email: z.string() }),
      reason: z.enum(['invalid_credentials']),
    }),
    webhook: false,
  }),
];
